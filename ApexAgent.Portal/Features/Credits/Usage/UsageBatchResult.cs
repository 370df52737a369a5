namespace ApexAgent.Portal.Features.Credits.Usage;

/// <summary>
/// One event of a batch answer. <see cref="Status"/> is <c>accepted</c>, <c>duplicate</c>, <c>refused</c> (the balance did
/// not cover it: <c>code</c> insufficient_credits, <c>required</c> its price), <c>invalid</c> (the event itself was not
/// valid: <c>code</c> and <c>detail</c> say why) or <c>failed</c> (a fault on our side; not recorded, send it again).
/// </summary>
public sealed record UsageBatchResult(
    int Index,
    string? EventId,
    string Status,
    decimal Deducted,
    decimal? Balance,
    bool Duplicate,
    int? RateCardVersion,
    IReadOnlyList<UsagePartResponse> Parts,
    string? Code,
    string? Detail,
    decimal? Required);
