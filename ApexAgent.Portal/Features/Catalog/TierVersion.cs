using ApexAgent.Domain.Catalog;

namespace ApexAgent.Portal.Features.Catalog;

/// <summary>One saved version of a tier. Rows are only ever added: an edit is a new version.</summary>
public sealed class TierVersion
{
    public Guid Id { get; set; }

    public TierCode Code { get; set; }

    public int Version { get; set; }

    public DateTimeOffset EffectiveFrom { get; set; }

    public TierTerms Terms { get; set; } = new();

    /// <summary>Who saved this version; null for the seeded default catalog.</summary>
    public string? CreatedByUserId { get; set; }

    public string? ChangeNote { get; set; }

    public Tier ToTier() => new(Code, Version, EffectiveFrom, Terms with { });
}
