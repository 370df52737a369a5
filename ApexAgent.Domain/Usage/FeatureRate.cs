using ApexAgent.Domain.Common;

namespace ApexAgent.Domain.Usage;

/// <summary>
/// What one feature costs: <see cref="PerUnit"/> for every <see cref="UnitSize"/> of its measure (steps, tokens,
/// minutes, images, calls). Tokens are priced per 1,000, so <c>llm.tokens.small</c> is 500 millicredits per 1,000 tokens.
/// </summary>
public sealed record FeatureRate(string Feature, string Measure, long UnitSize, Millicredits PerUnit)
{
    /// <summary>The unit as people read it, e.g. "1,000 tokens" or "minute".</summary>
    public string Unit => UnitSize == 1 ? Measure : $"{UnitSize:N0} {Measure}s";
}
