namespace ApexAgent.Portal.Features.Credits;

/// <summary>
/// One metered use of a feature, as sent to <c>POST /api/v1/usage</c>, with what it cost. The pair
/// (<see cref="OrganizationId"/>, <see cref="EventId"/>) is unique: the same event sent twice is counted once, and the
/// second answer repeats the first (<see cref="Deducted"/>, <see cref="BalanceAfter"/>).
/// </summary>
public sealed class UsageEvent
{
    public long Id { get; set; }

    public Guid OrganizationId { get; set; }

    /// <summary>The sender's idempotency key.</summary>
    public string EventId { get; set; } = "";

    public string Feature { get; set; } = "";

    /// <summary>The quantity in thousandths of the feature's measure (quantities carry at most three decimals).</summary>
    public long QuantityThousandths { get; set; }

    /// <summary>The member whose work this was (attribution in a pool); null when the sender did not say.</summary>
    public string? UserId { get; set; }

    /// <summary>The platform API key that sent the event, if one did.</summary>
    public Guid? ApiKeyId { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>The rate card version that priced it.</summary>
    public int RateCardVersion { get; set; }

    /// <summary>Millicredits deducted.</summary>
    public long Deducted { get; set; }

    /// <summary>Millicredits available right after the deduction (the answer repeated for a duplicate).</summary>
    public long BalanceAfter { get; set; }

    /// <summary>The sender's metadata, as compact JSON (at most 4 KB), or null.</summary>
    public string? Metadata { get; set; }

    /// <summary>When the usage was reversed (credits given back), or null.</summary>
    public DateTimeOffset? ReversedAt { get; set; }

    public string? ReversalReason { get; set; }
}
