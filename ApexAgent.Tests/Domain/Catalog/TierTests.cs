using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Subscriptions;

namespace ApexAgent.Tests.Domain.Catalog;

public sealed class TierTests
{
    private static Tier Tier(TierCode code) => TestTiers.Default(code);

    private static Money Dollars(long dollars) => Money.FromMajor(dollars, Currency.Usd);

    [Theory]
    [InlineData(TierCode.Pro, BillingCycle.Monthly, 1, 20)]
    [InlineData(TierCode.Pro, BillingCycle.Monthly, 7, 20)]
    [InlineData(TierCode.Pro, BillingCycle.Annual, 3, 200)]
    [InlineData(TierCode.Free, BillingCycle.Monthly, 5, 0)]
    [InlineData(TierCode.Team, BillingCycle.Monthly, 2, 80)]
    [InlineData(TierCode.Team, BillingCycle.Monthly, 5, 200)]
    [InlineData(TierCode.Team, BillingCycle.Annual, 3, 1_200)]
    [InlineData(TierCode.Enterprise, BillingCycle.Annual, 10, 7_200)]
    [InlineData(TierCode.Enterprise, BillingCycle.Annual, 25, 18_000)]
    public void PriceFor_charges_per_seat_only_on_per_seat_tiers(TierCode code, BillingCycle cycle, int seats, long expectedDollars)
    {
        Assert.Equal(Dollars(expectedDollars), Tier(code).PriceFor(cycle, seats));
    }

    [Theory]
    [InlineData(TierCode.Team, BillingCycle.Monthly, 1, 80)]
    [InlineData(TierCode.Team, BillingCycle.Monthly, 0, 80)]
    [InlineData(TierCode.Team, BillingCycle.Monthly, -4, 80)]
    [InlineData(TierCode.Team, BillingCycle.Annual, 1, 800)]
    [InlineData(TierCode.Enterprise, BillingCycle.Annual, 1, 7_200)]
    [InlineData(TierCode.Enterprise, BillingCycle.Annual, 9, 7_200)]
    public void PriceFor_charges_the_minimum_seats_when_fewer_are_asked_for(TierCode code, BillingCycle cycle, int seats, long expectedDollars)
    {
        Assert.Equal(Dollars(expectedDollars), Tier(code).PriceFor(cycle, seats));
    }

    [Fact]
    public void PriceFor_an_annual_cycle_without_an_annual_price_throws()
    {
        Assert.Throws<InvalidOperationException>(() => Tier(TierCode.Free).PriceFor(BillingCycle.Annual, 1));
    }

    [Fact]
    public void PriceFor_is_in_the_tier_currency()
    {
        var euroTier = new Tier(TierCode.Pro, 2, TestTiers.EffectiveFrom, DefaultCatalog.Terms[TierCode.Pro] with { CurrencyCode = "EUR" });

        Assert.Equal(new Money(20_00, Currency.Eur), euroTier.PriceFor(BillingCycle.Monthly, 1));
        Assert.Equal(Currency.Eur, euroTier.Currency);
    }

    [Theory]
    [InlineData(TierCode.Free, 1, 1_000)]
    [InlineData(TierCode.Free, 10, 1_000)]
    [InlineData(TierCode.Pro, 1, 5_000)]
    [InlineData(TierCode.Pro, 4, 5_000)]
    [InlineData(TierCode.Team, 2, 16_000)]
    [InlineData(TierCode.Team, 5, 40_000)]
    [InlineData(TierCode.Enterprise, 10, 120_000)]
    [InlineData(TierCode.Enterprise, 25, 300_000)]
    public void BaseCreditsFor_pools_per_seat_credits(TierCode code, int seats, long expectedCredits)
    {
        Assert.Equal(Millicredits.FromCredits(expectedCredits), Tier(code).BaseCreditsFor(seats));
    }

    [Theory]
    [InlineData(TierCode.Team, 1, 16_000)]
    [InlineData(TierCode.Team, 0, 16_000)]
    [InlineData(TierCode.Enterprise, 3, 120_000)]
    [InlineData(TierCode.Enterprise, -1, 120_000)]
    public void BaseCreditsFor_counts_at_least_the_minimum_seats(TierCode code, int seats, long expectedCredits)
    {
        Assert.Equal(Millicredits.FromCredits(expectedCredits), Tier(code).BaseCreditsFor(seats));
    }

    [Theory]
    [InlineData(TierCode.Free, 1, 300)]
    [InlineData(TierCode.Free, 9, 300)]
    [InlineData(TierCode.Pro, 1, 300)]
    [InlineData(TierCode.Pro, 9, 300)]
    [InlineData(TierCode.Team, 2, 500 + (2 * 100))]
    [InlineData(TierCode.Team, 5, 500 + (5 * 100))]
    [InlineData(TierCode.Enterprise, 10, 1_000 + (10 * 100))]
    [InlineData(TierCode.Enterprise, 25, 1_000 + (25 * 100))]
    public void DailyRefreshFor_is_per_organisation_plus_per_seat(TierCode code, int seats, long expectedCredits)
    {
        Assert.Equal(Millicredits.FromCredits(expectedCredits), Tier(code).DailyRefreshFor(seats));
    }

    [Theory]
    [InlineData(TierCode.Team, 1, 500 + (2 * 100))]
    [InlineData(TierCode.Enterprise, 4, 1_000 + (10 * 100))]
    [InlineData(TierCode.Enterprise, 0, 1_000 + (10 * 100))]
    public void DailyRefreshFor_counts_at_least_the_minimum_seats(TierCode code, int seats, long expectedCredits)
    {
        Assert.Equal(Millicredits.FromCredits(expectedCredits), Tier(code).DailyRefreshFor(seats));
    }

    [Theory]
    [InlineData(TierCode.Free, 1, 0)]
    [InlineData(TierCode.Pro, 1, 5_000)]
    [InlineData(TierCode.Pro, 3, 5_000)]
    [InlineData(TierCode.Team, 2, 4_000)]
    [InlineData(TierCode.Team, 4, 8_000)]
    [InlineData(TierCode.Enterprise, 10, 30_000)]
    [InlineData(TierCode.Enterprise, 12, 36_000)]
    public void FirstPeriodBonusFor_is_per_seat_on_per_seat_tiers(TierCode code, int seats, long expectedCredits)
    {
        Assert.Equal(Millicredits.FromCredits(expectedCredits), Tier(code).FirstPeriodBonusFor(seats));
    }

    [Theory]
    [InlineData(TierCode.Team, 1, 4_000)]
    [InlineData(TierCode.Enterprise, 2, 30_000)]
    public void FirstPeriodBonusFor_counts_at_least_the_minimum_seats(TierCode code, int seats, long expectedCredits)
    {
        Assert.Equal(Millicredits.FromCredits(expectedCredits), Tier(code).FirstPeriodBonusFor(seats));
    }

    [Theory]
    [InlineData(TierCode.Free, 5, 1)]
    [InlineData(TierCode.Pro, 5, 1)]
    [InlineData(TierCode.Team, 1, 2)]
    [InlineData(TierCode.Team, 7, 7)]
    [InlineData(TierCode.Enterprise, 9, 10)]
    [InlineData(TierCode.Enterprise, 11, 11)]
    public void BillableSeats_is_one_for_personal_tiers_and_at_least_the_minimum_for_per_seat_tiers(TierCode code, int seats, int expected)
    {
        Assert.Equal(expected, Tier(code).BillableSeats(seats));
    }

    [Theory]
    [InlineData(TierCode.Free, true, false)]
    [InlineData(TierCode.Pro, true, true)]
    [InlineData(TierCode.Team, true, true)]
    [InlineData(TierCode.Enterprise, false, true)]
    public void Offers_monthly_and_annual_as_the_product_sells_them(TierCode code, bool monthly, bool annual)
    {
        Assert.Equal(monthly, Tier(code).Offers(BillingCycle.Monthly));
        Assert.Equal(annual, Tier(code).Offers(BillingCycle.Annual));
    }

    [Fact]
    public void Only_the_free_tier_is_free()
    {
        Assert.True(Tier(TierCode.Free).IsFree);
        Assert.False(Tier(TierCode.Pro).IsFree);
        Assert.False(Tier(TierCode.Team).IsFree);
        Assert.False(Tier(TierCode.Enterprise).IsFree);
    }

    [Fact]
    public void A_tier_with_no_monthly_price_but_an_annual_price_is_not_free()
    {
        var annualOnly = new Tier(TierCode.Pro, 3, TestTiers.EffectiveFrom, DefaultCatalog.Terms[TierCode.Pro] with { MonthlyPriceMinor = 0 });

        Assert.False(annualOnly.IsFree);
    }

    [Fact]
    public void A_tier_with_zero_prices_on_both_cycles_is_free_and_offers_both()
    {
        var terms = DefaultCatalog.Terms[TierCode.Free] with { AnnualPriceMinor = 0 };
        var tier = new Tier(TierCode.Free, 2, TestTiers.EffectiveFrom, terms);

        Assert.True(tier.IsFree);
        Assert.True(tier.Offers(BillingCycle.Annual));
        Assert.Equal(Money.Zero(Currency.Usd), tier.PriceFor(BillingCycle.Annual, 1));
    }

    [Fact]
    public void Per_seat_refresh_credits_count_only_on_per_seat_tiers()
    {
        var terms = DefaultCatalog.Terms[TierCode.Pro] with { DailyRefreshCreditsPerSeat = 100 };
        var tier = new Tier(TierCode.Pro, 2, TestTiers.EffectiveFrom, terms);

        Assert.Equal(Millicredits.FromCredits(300), tier.DailyRefreshFor(5));
    }
}
