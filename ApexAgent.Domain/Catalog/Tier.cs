using ApexAgent.Domain.Common;
using ApexAgent.Domain.Subscriptions;

namespace ApexAgent.Domain.Catalog;

/// <summary>One version of a tier in the catalog: its code, version number, when it took effect and its terms.</summary>
public sealed record Tier(TierCode Code, int Version, DateTimeOffset EffectiveFrom, TierTerms Terms)
{
    public Currency Currency => Currency.FromCode(Terms.CurrencyCode);

    public bool IsFree => Terms.MonthlyPriceMinor == 0 && (Terms.AnnualPriceMinor ?? 0) == 0;

    public bool Offers(BillingCycle cycle) =>
        cycle == BillingCycle.Annual ? Terms.AnnualPriceMinor is not null : !Terms.AnnualContractOnly;

    /// <summary>The price of one billing period for the given seats (seats count only for per-seat tiers).</summary>
    public Money PriceFor(BillingCycle cycle, int seats)
    {
        var unit = cycle == BillingCycle.Annual
            ? Terms.AnnualPriceMinor ?? throw new InvalidOperationException($"{Terms.Name} has no annual price.")
            : Terms.MonthlyPriceMinor;
        return new Money(checked(unit * BillableSeats(seats)), Currency);
    }

    /// <summary>Base credits granted each billing period for the given seats.</summary>
    public Millicredits BaseCreditsFor(int seats) =>
        Millicredits.FromCredits(Terms.BaseCreditsPerSeat ? checked(Terms.BaseCredits * BillableSeats(seats)) : Terms.BaseCredits);

    /// <summary>Daily refresh credits for the given seats (they reset each day and do not accumulate).</summary>
    public Millicredits DailyRefreshFor(int seats) =>
        Millicredits.FromCredits(checked(Terms.DailyRefreshCredits + (Terms.DailyRefreshCreditsPerSeat * (Terms.PricedPerSeat ? BillableSeats(seats) : 0))));

    /// <summary>The one-off bonus of the first billing period for the given seats.</summary>
    public Millicredits FirstPeriodBonusFor(int seats) =>
        Millicredits.FromCredits(Terms.FirstPeriodBonusPerSeat ? checked(Terms.FirstPeriodBonusCredits * BillableSeats(seats)) : Terms.FirstPeriodBonusCredits);

    public int BillableSeats(int seats) => Terms.PricedPerSeat ? Math.Max(seats, Terms.MinSeats) : 1;
}
