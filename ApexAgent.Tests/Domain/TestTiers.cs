using ApexAgent.Domain.Catalog;

namespace ApexAgent.Tests.Domain;

/// <summary>Tiers built from the default catalog, each with its own copy of the terms so no test can change the shared catalog.</summary>
internal static class TestTiers
{
    public static readonly DateTimeOffset EffectiveFrom = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static Tier Default(TierCode code, int version = 1) =>
        new(code, version, EffectiveFrom, DefaultCatalog.Terms[code] with { });

    public static Tier Free => Default(TierCode.Free);

    public static Tier Pro => Default(TierCode.Pro);

    public static Tier Team => Default(TierCode.Team);

    public static Tier Enterprise => Default(TierCode.Enterprise);
}
