using ApexAgent.Domain.Common;

namespace ApexAgent.Portal.Features.Credits.Usage;

/// <summary>
/// The answer for a recorded event: credits deducted, the balance right after, whether it repeats the first answer
/// of an event already recorded, the rate card version that priced it, and which grants paid.
/// </summary>
public sealed record UsageResponse(string EventId, decimal Deducted, decimal Balance, bool Duplicate, int RateCardVersion, IReadOnlyList<UsagePartResponse> Parts)
{
    public static UsageResponse From(UsageOutcome outcome) => new(
        outcome.EventId,
        new Millicredits(outcome.Deducted).Credits,
        new Millicredits(outcome.Balance).Credits,
        outcome.Kind == UsageOutcomeKind.Duplicate,
        outcome.RateCardVersion,
        [.. outcome.Parts.Select(p => new UsagePartResponse(p.GrantId, p.Kind, new Millicredits(p.Taken).Credits))]);
}
