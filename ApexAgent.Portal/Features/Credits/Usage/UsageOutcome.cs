namespace ApexAgent.Portal.Features.Credits.Usage;

/// <summary>
/// The usage writer's answer for one event, given only after the transaction that stored it committed.
/// <see cref="Deducted"/> and <see cref="Balance"/> are millicredits; for a duplicate they repeat the first answer;
/// for a refusal <see cref="Deducted"/> is 0, <see cref="Balance"/> is the balance now and <see cref="Required"/> the price.
/// </summary>
public sealed record UsageOutcome(
    UsageOutcomeKind Kind,
    string EventId,
    long Deducted,
    long Balance,
    int RateCardVersion,
    IReadOnlyList<UsagePart> Parts,
    long Required = 0)
{
    public static UsageOutcome Failed(string eventId) => new(UsageOutcomeKind.Failed, eventId, 0, 0, 0, []);
}
