using ApexAgent.Domain.Catalog;

namespace ApexAgent.Portal.Features.Catalog;

/// <summary>A tier as the API shows it. Prices in minor units; credits as decimal numbers of credits.</summary>
public sealed record TierResponse(
    TierCode Code,
    int Version,
    string Name,
    string Tagline,
    string Currency,
    long MonthlyPriceMinor,
    long? AnnualPriceMinor,
    bool AnnualContractOnly,
    bool PricedPerSeat,
    int MinSeats,
    decimal BaseCredits,
    bool BaseCreditsPerSeat,
    decimal DailyRefreshCredits,
    decimal DailyRefreshCreditsPerSeat,
    decimal FirstPeriodBonusCredits,
    bool FirstPeriodBonusPerSeat,
    int ConcurrentTasks,
    int? ConcurrentTasksPerUser,
    TaskPriority Priority,
    IReadOnlyList<string> Licences,
    bool BringYourOwnKeys,
    bool ApiAccess)
{
    public static TierResponse From(Tier tier)
    {
        var t = tier.Terms;
        return new TierResponse(
            tier.Code, tier.Version, t.Name, t.Tagline, t.CurrencyCode, t.MonthlyPriceMinor, t.AnnualPriceMinor, t.AnnualContractOnly,
            t.PricedPerSeat, t.MinSeats, t.BaseCredits, t.BaseCreditsPerSeat, t.DailyRefreshCredits, t.DailyRefreshCreditsPerSeat,
            t.FirstPeriodBonusCredits, t.FirstPeriodBonusPerSeat, t.ConcurrentTasks, t.ConcurrentTasksPerUser, t.Priority,
            Enum.GetValues<LicenceKinds>().Where(k => k != LicenceKinds.None && t.Licences.HasFlag(k)).Select(k => k.ToString()).ToList(),
            t.BringYourOwnKeys, t.ApiAccess);
    }
}
