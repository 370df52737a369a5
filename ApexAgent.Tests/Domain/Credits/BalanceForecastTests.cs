using ApexAgent.Domain.Common;
using ApexAgent.Domain.Credits;
using ApexAgent.Domain.Credits.Forecasting;

namespace ApexAgent.Tests.Domain.Credits;

/// <summary>The balance forecast over synthetic usage series: flat, weekday-heavy, none, spiky.</summary>
public sealed class BalanceForecastTests
{
    // A Thursday.
    private static readonly DateOnly Today = new(2026, 11, 26);

    private static long Credits(long credits) => credits * 1_000;

    private static IEnumerable<DailyUsage> Series(Func<DateOnly, long> usedOn, int days = 28) =>
        Enumerable.Range(1, days).Select(i => Today.AddDays(-i)).Select(d => new DailyUsage(d, usedOn(d)));

    private static ForecastGrant Live(long credits, int expiresInDays = 365) => new(Today, Today.AddDays(expiresInDays), Credits(credits));

    [Fact]
    public void A_flat_pace_runs_out_when_the_balance_is_spent_and_the_range_is_that_day()
    {
        var projection = BalanceForecast.Project(Today, Series(_ => Credits(100)), [Live(1_000)], null, CreditPack.All);

        // 100 a day from tomorrow: days 1..10 use the 1,000; day 11 finds nothing.
        Assert.Equal(Today.AddDays(11), projection.RunsOutOn);
        Assert.Equal(projection.RunsOutOn, projection.Earliest);
        Assert.Equal(projection.RunsOutOn, projection.Latest);
        Assert.Equal(Credits(100), projection.ExpectedDailyUse.Value);
        Assert.Equal(Credits(900), projection.Days[0].Expected);
        Assert.Equal(0, projection.Days[10].Expected);
    }

    [Fact]
    public void Weekday_heavy_usage_is_expected_on_weekdays_only()
    {
        // 300 on Monday to Friday, nothing at weekends; 1,000 left. Fri 27: 300 (700), Sat/Sun: 0, Mon 30: 300 (400),
        // Tue Dec 1: 300 (100), Wed Dec 2: runs out.
        var projection = BalanceForecast.Project(
            Today, Series(d => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0 : Credits(300)), [Live(1_000)], null, CreditPack.All);

        Assert.Equal(new DateOnly(2026, 12, 2), projection.RunsOutOn);
        Assert.Equal(Credits(700), projection.Days[0].Expected);
        Assert.Equal(Credits(700), projection.Days[2].Expected);
    }

    [Fact]
    public void No_usage_never_runs_out_and_suggests_nothing()
    {
        var projection = BalanceForecast.Project(Today, [], [Live(10)], null, CreditPack.All);

        Assert.Null(projection.RunsOutOn);
        Assert.Null(projection.Earliest);
        Assert.Null(projection.Latest);
        Assert.Null(projection.Suggestion);
        Assert.Equal(0, projection.ExpectedDailyUse.Value);
    }

    [Fact]
    public void A_spiky_weekday_widens_the_range()
    {
        // Fridays used 50, 50, 50 and once 2,000; other days 50.
        var spike = Today.AddDays(-6); // Fri Nov 20
        var projection = BalanceForecast.Project(Today, Series(d => d == spike ? Credits(2_000) : Credits(50)), [Live(1_500)], null, CreditPack.All);

        Assert.NotNull(projection.Earliest);
        Assert.Equal(Today.AddDays(1), projection.Earliest); // a Friday like the spike would empty it tomorrow
        Assert.True(projection.Latest > projection.RunsOutOn);
        Assert.True(projection.RunsOutOn > projection.Earliest);
    }

    [Fact]
    public void Daily_refresh_that_covers_the_pace_keeps_the_pool_from_running_out()
    {
        var refresh = Enumerable.Range(1, 120).Select(i => new ForecastGrant(Today.AddDays(i), Today.AddDays(i + 1), Credits(300))).ToList();
        var covered = BalanceForecast.Project(Today, Series(_ => Credits(250)), [Live(100), .. refresh], null, CreditPack.All);
        var short50 = BalanceForecast.Project(Today, Series(_ => Credits(350)), [Live(100), .. refresh], null, CreditPack.All);

        Assert.Null(covered.RunsOutOn);
        Assert.Equal(Credits(100 + 50), covered.Days[^1].Expected); // the 100 kept, and 50 of that day's refresh still unused
        Assert.Equal(Today.AddDays(3), short50.RunsOutOn); // 50 a day from the 100: days 1, 2 covered
    }

    [Fact]
    public void The_next_base_grant_refills_the_pool_and_the_shortfall_counts_only_until_the_renewal()
    {
        var renewal = Today.AddDays(10);
        var grants = new[] { Live(300, expiresInDays: 10), new ForecastGrant(renewal, renewal.AddDays(30), Credits(5_000)) };
        var projection = BalanceForecast.Project(Today, Series(_ => Credits(100)), grants, renewal, CreditPack.All);

        Assert.Equal(Today.AddDays(4), projection.RunsOutOn);
        Assert.Equal(Credits(600), projection.ShortfallBeforeRenewal.Value); // days 4..9
        Assert.Equal(ForecastSuggestionKind.Pack, projection.Suggestion!.Kind);
        Assert.Equal("pack-1000", projection.Suggestion.Pack.Code);
        Assert.Equal(Credits(5_000 - 100), projection.Days[9].Expected);
    }

    [Theory]
    [InlineData(999, "pack-1000", ForecastSuggestionKind.Pack)]
    [InlineData(1_000, "pack-1000", ForecastSuggestionKind.Pack)]
    [InlineData(1_001, "pack-5000", ForecastSuggestionKind.Pack)]
    [InlineData(20_000, "pack-20000", ForecastSuggestionKind.Pack)]
    [InlineData(20_001, "pack-20000", ForecastSuggestionKind.AutoTopUp)]
    public void The_suggestion_is_the_smallest_pack_that_covers_the_shortfall(long shortfall, string pack, ForecastSuggestionKind kind)
    {
        var suggestion = BalanceForecast.Suggest(Today, Millicredits.FromCredits(shortfall), Millicredits.FromCredits(100), CreditPack.All);

        Assert.Equal(kind, suggestion!.Kind);
        Assert.Equal(pack, suggestion.Pack.Code);
    }

    [Fact]
    public void Running_out_only_after_the_renewal_suggests_auto_top_up()
    {
        var suggestion = BalanceForecast.Suggest(Today.AddDays(40), Millicredits.Zero, Millicredits.FromCredits(500), CreditPack.All);

        Assert.Equal(ForecastSuggestionKind.AutoTopUp, suggestion!.Kind);
        Assert.Equal("pack-5000", suggestion.Pack.Code);
    }

    [Fact]
    public void Usage_older_than_the_window_or_from_today_is_ignored()
    {
        var usage = new[] { new DailyUsage(Today, Credits(10_000)), new DailyUsage(Today.AddDays(-29), Credits(10_000)) };

        Assert.Null(BalanceForecast.Project(Today, usage, [Live(1)], null, CreditPack.All).RunsOutOn);
    }
}
