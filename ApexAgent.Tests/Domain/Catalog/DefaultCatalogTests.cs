using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Subscriptions;

namespace ApexAgent.Tests.Domain.Catalog;

/// <summary>The default catalog against the tier table in PRODUCT.md.</summary>
public sealed class DefaultCatalogTests
{
    private static TierTerms Terms(TierCode code) => DefaultCatalog.Terms[code];

    [Fact]
    public void The_catalog_has_exactly_the_four_tiers()
    {
        Assert.Equal(
            new[] { TierCode.Free, TierCode.Pro, TierCode.Team, TierCode.Enterprise },
            DefaultCatalog.Terms.Keys.Order());
    }

    [Theory]
    [InlineData(TierCode.Free, "Free")]
    [InlineData(TierCode.Pro, "Pro")]
    [InlineData(TierCode.Team, "Team")]
    [InlineData(TierCode.Enterprise, "Enterprise")]
    public void Each_tier_is_named_as_in_the_product_and_priced_in_dollars(TierCode code, string name)
    {
        Assert.Equal(name, Terms(code).Name);
        Assert.False(string.IsNullOrWhiteSpace(Terms(code).Tagline));
        Assert.Equal("USD", Terms(code).CurrencyCode);
    }

    [Fact]
    public void Free_costs_nothing_and_has_no_annual_plan()
    {
        Assert.Equal(0, Terms(TierCode.Free).MonthlyPriceMinor);
        Assert.Null(Terms(TierCode.Free).AnnualPriceMinor);
        Assert.False(Terms(TierCode.Free).PricedPerSeat);
        Assert.Equal(1, Terms(TierCode.Free).MinSeats);
    }

    [Fact]
    public void Pro_costs_20_dollars_a_month_or_200_a_year_for_one_person()
    {
        Assert.Equal(20_00, Terms(TierCode.Pro).MonthlyPriceMinor);
        Assert.Equal(200_00, Terms(TierCode.Pro).AnnualPriceMinor);
        Assert.False(Terms(TierCode.Pro).PricedPerSeat);
        Assert.False(Terms(TierCode.Pro).AnnualContractOnly);
        Assert.Equal(1, Terms(TierCode.Pro).MinSeats);
    }

    [Fact]
    public void Team_costs_40_dollars_per_seat_a_month_or_400_a_year_with_at_least_2_seats()
    {
        Assert.Equal(40_00, Terms(TierCode.Team).MonthlyPriceMinor);
        Assert.Equal(400_00, Terms(TierCode.Team).AnnualPriceMinor);
        Assert.True(Terms(TierCode.Team).PricedPerSeat);
        Assert.False(Terms(TierCode.Team).AnnualContractOnly);
        Assert.Equal(2, Terms(TierCode.Team).MinSeats);
    }

    [Fact]
    public void Enterprise_costs_60_dollars_per_seat_a_month_on_an_annual_contract_with_at_least_10_seats()
    {
        Assert.Equal(60_00, Terms(TierCode.Enterprise).MonthlyPriceMinor);
        Assert.True(Terms(TierCode.Enterprise).AnnualContractOnly);
        Assert.Equal(12 * 60_00, Terms(TierCode.Enterprise).AnnualPriceMinor);
        Assert.True(Terms(TierCode.Enterprise).PricedPerSeat);
        Assert.Equal(10, Terms(TierCode.Enterprise).MinSeats);
    }

    [Theory]
    [InlineData(TierCode.Free, 1_000, false)]
    [InlineData(TierCode.Pro, 5_000, false)]
    [InlineData(TierCode.Team, 8_000, true)]
    [InlineData(TierCode.Enterprise, 12_000, true)]
    public void Base_credits_match_the_product(TierCode code, long credits, bool perSeat)
    {
        Assert.Equal(credits, Terms(code).BaseCredits);
        Assert.Equal(perSeat, Terms(code).BaseCreditsPerSeat);
    }

    [Theory]
    [InlineData(TierCode.Free, 300, 0)]
    [InlineData(TierCode.Pro, 300, 0)]
    [InlineData(TierCode.Team, 500, 100)]
    [InlineData(TierCode.Enterprise, 1_000, 100)]
    public void Daily_refresh_credits_match_the_product(TierCode code, long perOrganisation, long perSeat)
    {
        Assert.Equal(perOrganisation, Terms(code).DailyRefreshCredits);
        Assert.Equal(perSeat, Terms(code).DailyRefreshCreditsPerSeat);
    }

    [Theory]
    [InlineData(TierCode.Free, 0, false)]
    [InlineData(TierCode.Pro, 5_000, false)]
    [InlineData(TierCode.Team, 2_000, true)]
    [InlineData(TierCode.Enterprise, 3_000, true)]
    public void First_period_bonus_matches_the_product(TierCode code, long credits, bool perSeat)
    {
        Assert.Equal(credits, Terms(code).FirstPeriodBonusCredits);
        Assert.Equal(perSeat, Terms(code).FirstPeriodBonusPerSeat);
    }

    [Fact]
    public void Concurrency_matches_the_product()
    {
        Assert.Equal(1, Terms(TierCode.Free).ConcurrentTasks);
        Assert.Null(Terms(TierCode.Free).ConcurrentTasksPerUser);
        Assert.Equal(3, Terms(TierCode.Pro).ConcurrentTasks);
        Assert.Null(Terms(TierCode.Pro).ConcurrentTasksPerUser);
        Assert.Equal(10, Terms(TierCode.Team).ConcurrentTasks);
        Assert.Equal(3, Terms(TierCode.Team).ConcurrentTasksPerUser);
        Assert.Equal(50, Terms(TierCode.Enterprise).ConcurrentTasks);
        Assert.Equal(5, Terms(TierCode.Enterprise).ConcurrentTasksPerUser);
    }

    [Theory]
    [InlineData(TierCode.Free, TaskPriority.Low)]
    [InlineData(TierCode.Pro, TaskPriority.Normal)]
    [InlineData(TierCode.Team, TaskPriority.High)]
    [InlineData(TierCode.Enterprise, TaskPriority.Highest)]
    public void Task_priority_matches_the_product(TierCode code, TaskPriority priority)
    {
        Assert.Equal(priority, Terms(code).Priority);
    }

    [Fact]
    public void Task_priority_rises_with_the_tier()
    {
        var priorities = Enum.GetValues<TierCode>().Order().Select(c => Terms(c).Priority).ToList();

        Assert.Equal(priorities.Order().ToList(), priorities);
        Assert.Equal(priorities.Count, priorities.Distinct().Count());
    }

    [Fact]
    public void Licences_match_the_product()
    {
        Assert.Equal(LicenceKinds.Personal, Terms(TierCode.Free).Licences);
        Assert.Equal(LicenceKinds.Personal, Terms(TierCode.Pro).Licences);
        Assert.Equal(LicenceKinds.PerSeat, Terms(TierCode.Team).Licences);
        Assert.Equal(LicenceKinds.PerSeat | LicenceKinds.PerDevice | LicenceKinds.Site, Terms(TierCode.Enterprise).Licences);
    }

    [Theory]
    [InlineData(TierCode.Free, false)]
    [InlineData(TierCode.Pro, true)]
    [InlineData(TierCode.Team, true)]
    [InlineData(TierCode.Enterprise, true)]
    public void Bring_your_own_keys_and_api_access_are_for_paid_tiers_only(TierCode code, bool allowed)
    {
        Assert.Equal(allowed, Terms(code).BringYourOwnKeys);
        Assert.Equal(allowed, Terms(code).ApiAccess);
    }

    [Fact]
    public void Prices_read_through_tiers_match_the_product_table()
    {
        Assert.Equal(Money.FromMajor(0, Currency.Usd), TestTiers.Free.PriceFor(BillingCycle.Monthly, 1));
        Assert.Equal(Money.FromMajor(20, Currency.Usd), TestTiers.Pro.PriceFor(BillingCycle.Monthly, 1));
        Assert.Equal(Money.FromMajor(200, Currency.Usd), TestTiers.Pro.PriceFor(BillingCycle.Annual, 1));
        Assert.Equal(Money.FromMajor(40 * 2, Currency.Usd), TestTiers.Team.PriceFor(BillingCycle.Monthly, 2));
        Assert.Equal(Money.FromMajor(400 * 2, Currency.Usd), TestTiers.Team.PriceFor(BillingCycle.Annual, 2));
        Assert.Equal(Money.FromMajor(60 * 12 * 10, Currency.Usd), TestTiers.Enterprise.PriceFor(BillingCycle.Annual, 10));
    }

    [Fact]
    public void Formatted_prices_read_as_in_the_product()
    {
        Assert.Equal("$0.00", TestTiers.Free.PriceFor(BillingCycle.Monthly, 1).Format());
        Assert.Equal("$20.00", TestTiers.Pro.PriceFor(BillingCycle.Monthly, 1).Format());
        Assert.Equal("$200.00", TestTiers.Pro.PriceFor(BillingCycle.Annual, 1).Format());
    }
}
