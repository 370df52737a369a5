using ApexAgent.Domain.Subscriptions;
using Microsoft.Extensions.Time.Testing;

namespace ApexAgent.Tests.Domain.Subscriptions;

/// <summary>A free plan renewing itself while the clock runs for fourteen months.</summary>
public sealed class SubscriptionRenewalScenarioTests
{
    private static readonly Guid OrganizationId = Guid.Parse("0b7f3c4d-5e6a-4b8c-9d0e-1f2a3b4c5d6e");

    [Theory]
    [InlineData(2026, 1, 31)]
    [InlineData(2026, 3, 15)]
    [InlineData(2027, 12, 29)]
    public void Fourteen_months_of_renewals_give_contiguous_periods_that_always_contain_now(int year, int month, int day)
    {
        var start = new DateTimeOffset(year, month, day, 9, 30, 0, TimeSpan.Zero);
        var clock = new FakeTimeProvider(start);
        var subscription = Subscription.StartFree(OrganizationId, TestTiers.Free, clock.GetUtcNow());
        var periods = new List<BillingPeriod> { subscription.CurrentPeriod };
        var random = new Random(year * 10_000 + month * 100 + day);
        var finish = start.AddMonths(14);

        while (clock.GetUtcNow() < finish)
        {
            clock.Advance(TimeSpan.FromMinutes(random.Next(1, 4 * 24 * 60)));
            var now = clock.GetUtcNow();
            var previous = subscription.CurrentPeriod;

            var moved = subscription.RollPeriodForward(now);

            Assert.True(subscription.CurrentPeriod.Contains(now), $"{subscription.CurrentPeriod} does not contain {now:O}");
            Assert.Equal(moved, subscription.CurrentPeriod != previous);
            if (moved)
            {
                periods.Add(subscription.CurrentPeriod);
            }
        }

        Assert.InRange(periods.Count, 15, 16);
        Assert.Equal(start, periods[0].Start);
        for (var i = 1; i < periods.Count; i++)
        {
            Assert.Equal(periods[i - 1].End, periods[i].Start);
            Assert.True(periods[i].Start < periods[i].End);
            Assert.False(periods[i - 1].Contains(periods[i].Start));
            Assert.InRange(periods[i].Length, TimeSpan.FromDays(28), TimeSpan.FromDays(31));
        }
    }

    [Fact]
    public void Rolling_once_a_day_renews_on_the_first_day_of_each_new_period()
    {
        var start = new DateTimeOffset(2026, 3, 15, 0, 0, 0, TimeSpan.Zero);
        var clock = new FakeTimeProvider(start);
        var subscription = Subscription.StartFree(OrganizationId, TestTiers.Free, clock.GetUtcNow());
        var renewals = new List<DateTimeOffset>();

        for (var day = 0; day < 14 * 31; day++)
        {
            clock.Advance(TimeSpan.FromDays(1));
            if (subscription.RollPeriodForward(clock.GetUtcNow()))
            {
                renewals.Add(clock.GetUtcNow());
                Assert.Equal(clock.GetUtcNow(), subscription.CurrentPeriodStart);
            }
        }

        Assert.All(renewals, renewal => Assert.Equal(15, renewal.Day));
        Assert.Equal(
            Enumerable.Range(1, renewals.Count).Select(start.AddMonths),
            renewals);
        Assert.True(renewals.Count >= 14);
    }
}
