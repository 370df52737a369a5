using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Subscriptions;

namespace ApexAgent.Tests.Domain.Subscriptions;

public sealed class SubscriptionTests
{
    private static readonly Guid OrganizationId = Guid.Parse("6f1c2a8e-3d4b-4e5f-9a0b-1c2d3e4f5a6b");
    private static readonly DateTimeOffset Now = new(2026, 3, 15, 10, 30, 0, TimeSpan.Zero);

    [Fact]
    public void StartFree_gives_one_active_monthly_seat_on_the_free_tier_from_now()
    {
        var free = TestTiers.Default(TierCode.Free, version: 4);

        var subscription = Subscription.StartFree(OrganizationId, free, Now);

        Assert.Equal(OrganizationId, subscription.OrganizationId);
        Assert.Equal(TierCode.Free, subscription.Tier);
        Assert.Equal(4, subscription.TierVersion);
        Assert.Equal(BillingCycle.Monthly, subscription.Cycle);
        Assert.Equal(1, subscription.Seats);
        Assert.Equal(SubscriptionStatus.Active, subscription.Status);
        Assert.Equal(Now, subscription.CreatedAt);
        Assert.Equal(Now, subscription.CurrentPeriodStart);
        Assert.Equal(new DateTimeOffset(2026, 4, 15, 10, 30, 0, TimeSpan.Zero), subscription.CurrentPeriodEnd);
        Assert.Equal(new BillingPeriod(subscription.CurrentPeriodStart, subscription.CurrentPeriodEnd), subscription.CurrentPeriod);
    }

    [Fact]
    public void A_new_subscription_gets_a_time_ordered_id()
    {
        var first = Subscription.StartFree(OrganizationId, TestTiers.Free, Now);
        var second = Subscription.StartFree(OrganizationId, TestTiers.Free, Now.AddSeconds(1));

        Assert.NotEqual(Guid.Empty, first.Id);
        Assert.Equal(7, first.Id.Version);
        Assert.NotEqual(first.Id, second.Id);
        Assert.True(first.Id.CompareTo(second.Id) < 0);
    }

    [Theory]
    [InlineData(TierCode.Pro)]
    [InlineData(TierCode.Team)]
    [InlineData(TierCode.Enterprise)]
    public void StartFree_refuses_a_paid_tier(TierCode code)
    {
        var exception = Assert.Throws<ArgumentException>(() => Subscription.StartFree(OrganizationId, TestTiers.Default(code), Now));

        Assert.Equal("free", exception.ParamName);
    }

    [Theory]
    [InlineData(TierCode.Team, BillingCycle.Monthly, 1, 2)]
    [InlineData(TierCode.Team, BillingCycle.Monthly, 0, 2)]
    [InlineData(TierCode.Team, BillingCycle.Annual, -3, 2)]
    [InlineData(TierCode.Team, BillingCycle.Monthly, 2, 2)]
    [InlineData(TierCode.Team, BillingCycle.Monthly, 7, 7)]
    [InlineData(TierCode.Enterprise, BillingCycle.Annual, 3, 10)]
    [InlineData(TierCode.Enterprise, BillingCycle.Annual, 10, 10)]
    [InlineData(TierCode.Enterprise, BillingCycle.Annual, 250, 250)]
    public void Start_raises_seats_to_the_tier_minimum(TierCode code, BillingCycle cycle, int seats, int expectedSeats)
    {
        var subscription = Subscription.Start(OrganizationId, TestTiers.Default(code), cycle, seats, SubscriptionStatus.Active, Now);

        Assert.Equal(expectedSeats, subscription.Seats);
    }

    [Fact]
    public void Start_counts_one_seat_on_a_tier_not_priced_per_seat()
    {
        var subscription = Subscription.Start(OrganizationId, TestTiers.Pro, BillingCycle.Monthly, 5, SubscriptionStatus.Active, Now);

        Assert.Equal(1, subscription.Seats);
    }

    [Theory]
    [InlineData(TierCode.Enterprise, BillingCycle.Monthly)]
    [InlineData(TierCode.Free, BillingCycle.Annual)]
    public void Start_rejects_a_cycle_the_tier_does_not_offer(TierCode code, BillingCycle cycle)
    {
        var exception = Assert.Throws<ArgumentException>(() =>
            Subscription.Start(OrganizationId, TestTiers.Default(code), cycle, 10, SubscriptionStatus.Active, Now));

        Assert.Equal("cycle", exception.ParamName);
    }

    [Fact]
    public void Start_on_an_annual_cycle_runs_for_a_year()
    {
        var subscription = Subscription.Start(OrganizationId, TestTiers.Enterprise, BillingCycle.Annual, 12, SubscriptionStatus.Active, Now);

        Assert.Equal(BillingCycle.Annual, subscription.Cycle);
        Assert.Equal(TierCode.Enterprise, subscription.Tier);
        Assert.Equal(Now, subscription.CurrentPeriodStart);
        Assert.Equal(new DateTimeOffset(2027, 3, 15, 10, 30, 0, TimeSpan.Zero), subscription.CurrentPeriodEnd);
    }

    [Theory]
    [InlineData(SubscriptionStatus.Incomplete)]
    [InlineData(SubscriptionStatus.Active)]
    [InlineData(SubscriptionStatus.PastDue)]
    [InlineData(SubscriptionStatus.Canceled)]
    public void Start_keeps_the_given_status(SubscriptionStatus status)
    {
        var subscription = Subscription.Start(OrganizationId, TestTiers.Team, BillingCycle.Monthly, 3, status, Now);

        Assert.Equal(status, subscription.Status);
    }

    [Fact]
    public void RollPeriodForward_changes_nothing_while_now_is_inside_the_period()
    {
        var subscription = Subscription.StartFree(OrganizationId, TestTiers.Free, Now);
        var before = subscription.CurrentPeriod;

        Assert.False(subscription.RollPeriodForward(Now));
        Assert.False(subscription.RollPeriodForward(before.End.AddTicks(-1)));
        Assert.Equal(before, subscription.CurrentPeriod);
    }

    [Fact]
    public void RollPeriodForward_moves_to_the_next_period_exactly_at_the_end()
    {
        var subscription = Subscription.StartFree(OrganizationId, TestTiers.Free, Now);
        var first = subscription.CurrentPeriod;

        Assert.True(subscription.RollPeriodForward(first.End));

        Assert.Equal(first.End, subscription.CurrentPeriodStart);
        Assert.Equal(new DateTimeOffset(2026, 5, 15, 10, 30, 0, TimeSpan.Zero), subscription.CurrentPeriodEnd);
    }

    [Fact]
    public void RollPeriodForward_skips_every_missed_period_at_once()
    {
        var subscription = Subscription.StartFree(OrganizationId, TestTiers.Free, Now);
        var later = new DateTimeOffset(2026, 9, 20, 0, 0, 0, TimeSpan.Zero);

        Assert.True(subscription.RollPeriodForward(later));

        Assert.Equal(new DateTimeOffset(2026, 9, 15, 10, 30, 0, TimeSpan.Zero), subscription.CurrentPeriodStart);
        Assert.Equal(new DateTimeOffset(2026, 10, 15, 10, 30, 0, TimeSpan.Zero), subscription.CurrentPeriodEnd);
        Assert.True(subscription.CurrentPeriod.Contains(later));
    }

    [Fact]
    public void RollPeriodForward_never_moves_back_when_now_is_before_the_period()
    {
        var subscription = Subscription.StartFree(OrganizationId, TestTiers.Free, Now);
        var before = subscription.CurrentPeriod;

        Assert.False(subscription.RollPeriodForward(Now.AddDays(-40)));
        Assert.Equal(before, subscription.CurrentPeriod);
    }

    [Fact]
    public void RollPeriodForward_on_an_annual_plan_moves_a_year_at_a_time()
    {
        var subscription = Subscription.Start(OrganizationId, TestTiers.Pro, BillingCycle.Annual, 1, SubscriptionStatus.Active, Now);

        Assert.False(subscription.RollPeriodForward(Now.AddMonths(11)));
        Assert.True(subscription.RollPeriodForward(Now.AddMonths(14)));

        Assert.Equal(new DateTimeOffset(2027, 3, 15, 10, 30, 0, TimeSpan.Zero), subscription.CurrentPeriodStart);
        Assert.Equal(new DateTimeOffset(2028, 3, 15, 10, 30, 0, TimeSpan.Zero), subscription.CurrentPeriodEnd);
    }

    [Fact]
    public void RollPeriodForward_keeps_tier_seats_status_and_creation_time()
    {
        var subscription = Subscription.Start(OrganizationId, TestTiers.Team, BillingCycle.Monthly, 4, SubscriptionStatus.PastDue, Now);
        var id = subscription.Id;

        subscription.RollPeriodForward(Now.AddMonths(3));

        Assert.Equal(id, subscription.Id);
        Assert.Equal(TierCode.Team, subscription.Tier);
        Assert.Equal(4, subscription.Seats);
        Assert.Equal(SubscriptionStatus.PastDue, subscription.Status);
        Assert.Equal(Now, subscription.CreatedAt);
    }

    [Fact]
    public void A_subscription_started_on_31_January_keeps_its_billing_day_after_February()
    {
        var start = new DateTimeOffset(2026, 1, 31, 9, 0, 0, TimeSpan.Zero);
        var subscription = Subscription.StartFree(OrganizationId, TestTiers.Free, start);

        subscription.RollPeriodForward(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateTimeOffset(2026, 2, 28, 9, 0, 0, TimeSpan.Zero), subscription.CurrentPeriodStart);
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 9, 0, 0, TimeSpan.Zero), subscription.CurrentPeriodEnd);

        subscription.RollPeriodForward(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 9, 0, 0, TimeSpan.Zero), subscription.CurrentPeriodStart);
        Assert.Equal(new DateTimeOffset(2026, 4, 30, 9, 0, 0, TimeSpan.Zero), subscription.CurrentPeriodEnd);
    }
}
