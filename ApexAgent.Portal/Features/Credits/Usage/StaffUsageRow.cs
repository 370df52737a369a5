namespace ApexAgent.Portal.Features.Credits.Usage;

/// <summary>One usage event as staff see it on the usage operations page (credits in millicredits).</summary>
public sealed record StaffUsageRow(
    long Id,
    string EventId,
    string Feature,
    long QuantityThousandths,
    string? UserEmail,
    DateTimeOffset OccurredAt,
    long Deducted,
    long BalanceAfter,
    DateTimeOffset? ReversedAt,
    string? ReversalReason);
