using ApexAgent.Domain.Subscriptions;

namespace ApexAgent.Tests.Domain.Subscriptions;

public sealed class BillingPeriodTests
{
    private static DateTimeOffset Utc(int year, int month, int day, int hour = 0, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void A_monthly_period_ends_on_the_same_day_and_time_next_month()
    {
        var period = BillingPeriod.Starting(Utc(2026, 3, 15, 10, 30), BillingCycle.Monthly);

        Assert.Equal(Utc(2026, 3, 15, 10, 30), period.Start);
        Assert.Equal(Utc(2026, 4, 15, 10, 30), period.End);
    }

    [Fact]
    public void A_monthly_period_crosses_the_year_end()
    {
        var period = BillingPeriod.Starting(Utc(2026, 12, 20), BillingCycle.Monthly);

        Assert.Equal(Utc(2027, 1, 20), period.End);
    }

    [Fact]
    public void An_annual_period_ends_on_the_same_day_next_year()
    {
        var period = BillingPeriod.Starting(Utc(2026, 3, 15, 10, 30), BillingCycle.Annual);

        Assert.Equal(Utc(2027, 3, 15, 10, 30), period.End);
    }

    [Fact]
    public void A_period_starting_on_31_January_ends_on_28_February()
    {
        var period = BillingPeriod.Starting(Utc(2026, 1, 31, 9), BillingCycle.Monthly);

        Assert.Equal(Utc(2026, 2, 28, 9), period.End);
    }

    [Fact]
    public void A_period_starting_on_31_January_of_a_leap_year_ends_on_29_February()
    {
        var period = BillingPeriod.Starting(Utc(2028, 1, 31, 9), BillingCycle.Monthly);

        Assert.Equal(Utc(2028, 2, 29, 9), period.End);
    }

    [Theory]
    [InlineData(2026, 3, 31, 2026, 4, 30)]
    [InlineData(2026, 5, 31, 2026, 6, 30)]
    [InlineData(2026, 8, 31, 2026, 9, 30)]
    [InlineData(2026, 10, 31, 2026, 11, 30)]
    [InlineData(2027, 1, 30, 2027, 2, 28)]
    [InlineData(2028, 1, 29, 2028, 2, 29)]
    public void A_period_starting_on_a_day_the_next_month_lacks_ends_on_that_month_last_day(int y, int m, int d, int endY, int endM, int endD)
    {
        var period = BillingPeriod.Starting(Utc(y, m, d), BillingCycle.Monthly);

        Assert.Equal(Utc(endY, endM, endD), period.End);
    }

    [Fact]
    public void An_annual_period_starting_on_29_February_ends_on_28_February()
    {
        var period = BillingPeriod.Starting(Utc(2028, 2, 29), BillingCycle.Annual);

        Assert.Equal(Utc(2029, 2, 28), period.End);
    }

    [Fact]
    public void The_start_offset_is_kept()
    {
        var start = new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.FromHours(2));

        var period = BillingPeriod.Starting(start, BillingCycle.Monthly);

        Assert.Equal(TimeSpan.FromHours(2), period.End.Offset);
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 6, 0, 0, TimeSpan.Zero), period.End.ToUniversalTime());
    }

    [Fact]
    public void Contains_includes_the_start_and_excludes_the_end()
    {
        var period = BillingPeriod.Starting(Utc(2026, 3, 15), BillingCycle.Monthly);

        Assert.True(period.Contains(period.Start));
        Assert.True(period.Contains(period.Start.AddTicks(1)));
        Assert.True(period.Contains(period.End.AddTicks(-1)));
        Assert.False(period.Contains(period.End));
        Assert.False(period.Contains(period.Start.AddTicks(-1)));
        Assert.False(period.Contains(period.End.AddDays(3)));
    }

    [Fact]
    public void Contains_compares_instants_not_local_clock_readings()
    {
        var period = BillingPeriod.Starting(Utc(2026, 3, 15, 12), BillingCycle.Monthly);
        var sameInstantInBerlin = new DateTimeOffset(2026, 3, 15, 13, 0, 0, TimeSpan.FromHours(1));
        var justBeforeInNewYork = new DateTimeOffset(2026, 3, 15, 7, 59, 59, TimeSpan.FromHours(-4));

        Assert.True(period.Contains(sameInstantInBerlin));
        Assert.False(period.Contains(justBeforeInNewYork));
    }

    [Fact]
    public void The_second_period_starts_where_the_first_ends()
    {
        var period = BillingPeriod.Starting(Utc(2026, 3, 15), BillingCycle.Monthly);

        var next = BillingPeriod.Number(Utc(2026, 3, 15), BillingCycle.Monthly, 1);

        Assert.Equal(period.End, next.Start);
        Assert.Equal(Utc(2026, 5, 15), next.End);
        Assert.False(period.Contains(next.Start));
        Assert.True(next.Contains(period.End));
    }

    [Fact]
    public void The_second_annual_period_is_one_year_long()
    {
        var next = BillingPeriod.Number(Utc(2026, 7, 4), BillingCycle.Annual, 1);

        Assert.Equal(Utc(2027, 7, 4), next.Start);
        Assert.Equal(Utc(2028, 7, 4), next.End);
    }

    [Theory]
    [InlineData(2026, 2, 1, 28)]
    [InlineData(2028, 2, 1, 29)]
    [InlineData(2026, 4, 1, 30)]
    [InlineData(2026, 7, 1, 31)]
    public void Length_of_a_monthly_period_is_the_days_of_that_month(int year, int month, int day, int expectedDays)
    {
        var period = BillingPeriod.Starting(Utc(year, month, day), BillingCycle.Monthly);

        Assert.Equal(TimeSpan.FromDays(expectedDays), period.Length);
    }

    [Theory]
    [InlineData(2026, 365)]
    [InlineData(2027, 366)]
    public void Length_of_an_annual_period_counts_a_leap_day_inside_it(int startYear, int expectedDays)
    {
        var period = BillingPeriod.Starting(Utc(startYear, 3, 1), BillingCycle.Annual);

        Assert.Equal(TimeSpan.FromDays(expectedDays), period.Length);
    }

    [Fact]
    public void Periods_counted_from_31_January_return_to_the_31st_after_February()
    {
        var anchor = Utc(2026, 1, 31, 9);

        var february = BillingPeriod.Number(anchor, BillingCycle.Monthly, 1);
        var march = BillingPeriod.Number(anchor, BillingCycle.Monthly, 2);

        Assert.Equal(Utc(2026, 2, 28, 9), february.Start);
        Assert.Equal(Utc(2026, 3, 31, 9), february.End);
        Assert.Equal(february.End, march.Start);
        Assert.Equal(Utc(2026, 4, 30, 9), march.End);
    }

    [Fact]
    public void Containing_finds_the_period_of_any_instant_across_years()
    {
        var anchor = Utc(2024, 2, 29, 23);
        var random = new Random(20261125);
        for (var i = 0; i < 2_000; i++)
        {
            var instant = anchor.AddMinutes(random.Next(0, 6 * 366 * 24 * 60));
            foreach (var cycle in new[] { BillingCycle.Monthly, BillingCycle.Annual })
            {
                var period = BillingPeriod.Containing(anchor, cycle, instant);

                Assert.True(period.Contains(instant), $"{cycle} period {period} does not contain {instant:o}");
            }
        }
    }
}
