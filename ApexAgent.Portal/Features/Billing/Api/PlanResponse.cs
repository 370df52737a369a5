using ApexAgent.Domain.Catalog;
using ApexAgent.Portal.Api;

namespace ApexAgent.Portal.Features.Billing.Api;

/// <summary>
/// A plan one can choose: the current catalog version of a tier with its price per billing cycle (per seat when
/// <see cref="PricedPerSeat"/>; null when the cycle is not offered), its seat rules and its credits (decimal numbers of credits).
/// </summary>
public sealed record PlanResponse(
    TierCode Tier,
    int Version,
    string Name,
    string Tagline,
    ApiMoney? MonthlyPrice,
    ApiMoney? AnnualPrice,
    bool PricedPerSeat,
    int MinSeats,
    bool AnnualContractOnly,
    decimal BaseCredits,
    bool BaseCreditsPerSeat,
    decimal DailyRefreshCredits,
    decimal DailyRefreshCreditsPerSeat,
    decimal FirstPeriodBonusCredits,
    bool FirstPeriodBonusPerSeat)
{
    public static PlanResponse From(Tier tier)
    {
        var t = tier.Terms;
        var currency = tier.Currency;
        return new PlanResponse(
            tier.Code, tier.Version, t.Name, t.Tagline,
            tier.Offers(Domain.Subscriptions.BillingCycle.Monthly) ? ApiMoney.From(new Domain.Common.Money(t.MonthlyPriceMinor, currency)) : null,
            t.AnnualPriceMinor is { } annual ? ApiMoney.From(new Domain.Common.Money(annual, currency)) : null,
            t.PricedPerSeat, t.MinSeats, t.AnnualContractOnly,
            t.BaseCredits, t.BaseCreditsPerSeat, t.DailyRefreshCredits, t.DailyRefreshCreditsPerSeat, t.FirstPeriodBonusCredits, t.FirstPeriodBonusPerSeat);
    }
}
