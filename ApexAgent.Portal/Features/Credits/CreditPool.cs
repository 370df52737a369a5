namespace ApexAgent.Portal.Features.Credits;

/// <summary>
/// Per-organisation settings and running figures of its credit pool: the overdraft allowance and what is drawn on it,
/// and auto top-up. One row per organisation, created on first need.
/// </summary>
public sealed class CreditPool
{
    public Guid OrganizationId { get; set; }

    /// <summary>Millicredits usage may go below zero (0: never, the default).</summary>
    public long OverdraftAllowance { get; set; }

    /// <summary>Millicredits currently drawn on the overdraft (≥ 0): the negated sum of entries without a grant.</summary>
    public long Overdrawn { get; set; }

    public bool AutoTopUpEnabled { get; set; }

    /// <summary>Buy <see cref="AutoTopUpPack"/> when the available balance falls under this (millicredits).</summary>
    public long AutoTopUpThreshold { get; set; }

    /// <summary>The pack bought, by code (e.g. <c>pack-5000</c>).</summary>
    public string? AutoTopUpPack { get; set; }

    /// <summary>At most this many automatic purchases per calendar month (organisation time zone).</summary>
    public int AutoTopUpMonthlyLimit { get; set; } = 3;

    /// <summary>Set when an automatic purchase failed; no retry until the payment method changes.</summary>
    public DateTimeOffset? AutoTopUpFailedAt { get; set; }

    /// <summary>Optimistic concurrency token.</summary>
    public long Version { get; set; }
}
