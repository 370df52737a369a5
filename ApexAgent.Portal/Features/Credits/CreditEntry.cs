using ApexAgent.Domain.Credits;

namespace ApexAgent.Portal.Features.Credits;

/// <summary>
/// One line of an organisation's append-only credit ledger. Never updated or deleted; a mistake is reversed by a new
/// entry. The balance of a pool is the sum of <see cref="Change"/> over its entries.
/// </summary>
public sealed class CreditEntry
{
    /// <summary>Database-assigned, increasing: the ledger's order and its paging cursor.</summary>
    public long Id { get; set; }

    public Guid OrganizationId { get; set; }

    public LedgerEntryKind Kind { get; set; }

    /// <summary>The grant the credits came from or went to; null for usage charged to an overdraft allowance.</summary>
    public Guid? GrantId { get; set; }

    /// <summary>Copied from the grant so that reports group by kind without a join; null with <see cref="GrantId"/>.</summary>
    public GrantKind? GrantKind { get; set; }

    /// <summary>Signed millicredits.</summary>
    public long Change { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The usage event a Used or Reversed entry belongs to.</summary>
    public long? UsageEventId { get; set; }

    /// <summary>The user who caused a usage entry (attribution inside an organisation pool).</summary>
    public string? UserId { get; set; }

    /// <summary>The entry a Reversed entry undoes.</summary>
    public long? Reverses { get; set; }

    /// <summary>Short people-facing note: the feature used, the grant's source, a reason.</summary>
    public string Note { get; set; } = "";
}
