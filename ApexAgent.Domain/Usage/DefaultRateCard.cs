using ApexAgent.Domain.Common;

namespace ApexAgent.Domain.Usage;

/// <summary>The default rate card of PRODUCT.md ("Credit costs by feature").</summary>
public static class DefaultRateCard
{
    public static IReadOnlyList<FeatureRate> Rates { get; } =
    [
        new("agent.step", "step", 1, Millicredits.FromCredits(1)),
        new("llm.tokens.small", "token", 1_000, new Millicredits(500)),
        new("llm.tokens.standard", "token", 1_000, Millicredits.FromCredits(2)),
        new("llm.tokens.frontier", "token", 1_000, Millicredits.FromCredits(10)),
        new("browser.minute", "minute", 1, Millicredits.FromCredits(2)),
        new("sandbox.minute", "minute", 1, Millicredits.FromCredits(1)),
        new("image.generation", "image", 1, Millicredits.FromCredits(20)),
        new("data.api_call", "call", 1, Millicredits.FromCredits(5)),
    ];

    public static RateCard Version1(DateTimeOffset effectiveFrom) => new(1, effectiveFrom, Rates);
}
