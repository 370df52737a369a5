using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Subscriptions;

namespace ApexAgent.Tests.Domain.Subscriptions;

public sealed class SubscriptionBillingTests
{
    private static readonly DateTimeOffset Jan31 = new(2027, 1, 31, 9, 0, 0, TimeSpan.Zero);

    private static Subscription Pro(BillingCycle cycle = BillingCycle.Monthly) =>
        Subscription.StartPaid(Guid.NewGuid(), TestTiers.Pro, cycle, 1, SubscriptionStatus.Active, Jan31);

    [Fact]
    public void Periods_advance_from_the_anchor_through_short_months()
    {
        var subscription = Pro();
        var ends = new List<DateTimeOffset>();
        for (var i = 0; i < 13; i++)
        {
            ends.Add(subscription.CurrentPeriodEnd);
            subscription.AdvancePeriod();
        }

        Assert.Equal(Jan31.AddMonths(1), ends[0]); // 28 Feb 2027
        Assert.Equal(new DateTimeOffset(2027, 3, 31, 9, 0, 0, TimeSpan.Zero), ends[1]);
        Assert.Equal(new DateTimeOffset(2028, 2, 29, 9, 0, 0, TimeSpan.Zero), ends[12]);
        Assert.Equal(Enumerable.Range(1, 13).Select(n => Jan31.AddMonths(n)), ends);
    }

    [Fact]
    public void Changing_plan_in_the_same_cycle_keeps_the_period_and_a_new_cycle_starts_one_now()
    {
        var subscription = Pro();
        subscription.SchedulePlanChange(TestTiers.Team, BillingCycle.Monthly, 1);
        Assert.Equal(2, subscription.ScheduledSeats); // billable seats: at least the minimum
        var changeAt = Jan31.AddDays(10);

        subscription.ChangePlan(TestTiers.Team, BillingCycle.Monthly, 4, changeAt);
        Assert.Equal((TierCode.Team, 4, Jan31, Jan31.AddMonths(1)), (subscription.Tier, subscription.Seats, subscription.CurrentPeriodStart, subscription.CurrentPeriodEnd));
        Assert.False(subscription.HasScheduledChange);

        subscription.ChangePlan(TestTiers.Team, BillingCycle.Annual, 4, changeAt);
        Assert.Equal((changeAt, changeAt.AddYears(1), changeAt), (subscription.CurrentPeriodStart, subscription.CurrentPeriodEnd, subscription.BillingAnchor));
        Assert.Throws<ArgumentException>(() => subscription.ChangePlan(TestTiers.Enterprise, BillingCycle.Monthly, 10, changeAt));
    }

    [Fact]
    public void Cancelling_resuming_and_ending()
    {
        var subscription = Pro();
        subscription.SchedulePlanChange(TestTiers.Pro, BillingCycle.Monthly, 1);
        subscription.ScheduleCancellation(Jan31.AddDays(3));
        Assert.True(subscription.CancelAtPeriodEnd);
        subscription.Resume();
        Assert.Equal((false, (DateTimeOffset?)null), (subscription.CancelAtPeriodEnd, subscription.CancellationRequestedAt));

        subscription.MarkPastDue(Jan31.AddDays(5));
        subscription.MarkPastDue(Jan31.AddDays(6));
        Assert.Equal((SubscriptionStatus.PastDue, (DateTimeOffset?)Jan31.AddDays(5)), (subscription.Status, subscription.PastDueSince));
        Assert.True(subscription.InForce);
        subscription.Recover();
        Assert.Equal((SubscriptionStatus.Active, (DateTimeOffset?)null), (subscription.Status, subscription.PastDueSince));

        subscription.ScheduleCancellation(Jan31.AddDays(7));
        subscription.End(Jan31.AddDays(8), "canceled");
        Assert.Equal((SubscriptionStatus.Canceled, "canceled", false, false), (subscription.Status, subscription.EndReason, subscription.CancelAtPeriodEnd, subscription.HasScheduledChange));
        Assert.False(subscription.InForce);
    }

    [Fact]
    public void Annual_periods_advance_a_year_at_a_time_from_a_leap_day()
    {
        var leap = new DateTimeOffset(2028, 2, 29, 9, 0, 0, TimeSpan.Zero);
        var subscription = Subscription.StartPaid(Guid.NewGuid(), TestTiers.Pro, BillingCycle.Annual, 1, SubscriptionStatus.Active, leap);
        subscription.AdvancePeriod();
        Assert.Equal((new DateTimeOffset(2029, 2, 28, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2030, 2, 28, 9, 0, 0, TimeSpan.Zero)), (subscription.CurrentPeriodStart, subscription.CurrentPeriodEnd));
    }
}
