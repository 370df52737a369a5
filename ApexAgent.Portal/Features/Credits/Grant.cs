using ApexAgent.Domain.Credits;

namespace ApexAgent.Portal.Features.Credits;

/// <summary>
/// Credits given to an organisation's pool at once (PRODUCT.md "Credits — the rules"). <see cref="Remaining"/> is the sum
/// of the ledger entries on this grant, kept in the same transaction as every entry so that the usage hot path reads
/// one row per grant instead of summing entries; the entries stay the truth (a test proves they agree).
/// </summary>
public sealed class Grant
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public GrantKind Kind { get; set; }

    /// <summary>Millicredits given.</summary>
    public long Amount { get; set; }

    /// <summary>Millicredits not yet used, clawed back or expired.</summary>
    public long Remaining { get; set; }

    public DateTimeOffset StartsAt { get; set; }

    /// <summary>Exclusive: the grant cannot be used from this instant; the expiry sweep writes off what is left.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>What gave the credits, unique per organisation, e.g. <c>base:{subscription}:2026-11-25</c>, <c>daily:2026-11-25</c>, <c>pack:{invoice}</c>.</summary>
    public string Source { get; set; } = "";

    /// <summary>People-facing description, e.g. "Pro base credits, Nov 25 – Dec 25" or a support grant's reason.</summary>
    public string Description { get; set; } = "";

    /// <summary>The user (id) who gave a promotional or support grant; null for grants the system gives.</summary>
    public string? GrantedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Millicredits written off when the grant ended (a copy of its Expired entry, for reports).</summary>
    public long Expired { get; set; }

    /// <summary>Millicredits taken back, e.g. after a downgrade (the sum of its ClawedBack entries, for reports).</summary>
    public long ClawedBack { get; set; }

    /// <summary>When the expiry sweep wrote off the rest (null while live or not yet swept).</summary>
    public DateTimeOffset? ExpiredAt { get; set; }
}
