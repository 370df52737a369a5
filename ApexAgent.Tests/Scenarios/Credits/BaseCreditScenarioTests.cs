using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Credits;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Features.Catalog;
using ApexAgent.Portal.Features.Credits;
using ApexAgent.Tests.TestSupport;
using static ApexAgent.Tests.Scenarios.Credits.AllocationBooks;

namespace ApexAgent.Tests.Scenarios.Credits;

/// <summary>Base credits, the first-period bonus and plan changes over months of a fake clock, through the real billing engine.</summary>
public sealed class BaseCreditScenarioTests
{
    private static readonly DateTimeOffset Start = new(2027, 1, 10, 14, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(TierCode.Pro, BillingCycle.Monthly, 1, 5, 31)]
    [InlineData(TierCode.Team, BillingCycle.Monthly, 4, 4, 31)]
    [InlineData(TierCode.Team, BillingCycle.Annual, 3, 2, 366)]
    public async Task Base_credits_are_granted_once_per_period_per_seat_and_expire_with_it(TierCode code, BillingCycle cycle, int seats, int periods, int daysPerPeriod)
    {
        await using var harness = new BillingHarness(Start);
        var customer = await harness.CustomerAsync();
        await harness.ChangeAsync(customer.Actor, code, cycle, seats);
        var tier = await harness.Factory.Get<TierCatalog>().CurrentAsync(code, CancellationToken.None);
        var periodsSeen = new List<BillingPeriod>();
        for (var period = 0; period < periods; period++)
        {
            var subscription = await harness.InForceAsync(customer.OrganizationId);
            periodsSeen.Add(subscription.CurrentPeriod);
            await harness.RunAsync(); // runs repeat: nothing is given twice
            await PassAsync(harness.Factory);
            await PassAsync(harness.Factory);
            var grants = await GrantsAsync(harness.Factory, customer.OrganizationId);
            var base_ = Assert.Single(grants, g => g.Source == AllocationSources.Base(subscription.Id, subscription.CurrentPeriodStart));
            Assert.Equal(GrantKind.Base, base_.Kind);
            Assert.Equal(tier.BaseCreditsFor(seats).Value, base_.Amount);
            Assert.Equal(subscription.CurrentPeriodStart, base_.StartsAt);
            Assert.Equal(subscription.CurrentPeriodEnd, base_.ExpiresAt);
            await harness.AdvanceAsync(TimeSpan.FromDays(daysPerPeriod), TimeSpan.FromDays(cycle == BillingCycle.Annual ? 30 : 4));
        }

        await harness.RunAsync();
        await PassAsync(harness.Factory);
        var all = await GrantsAsync(harness.Factory, customer.OrganizationId);
        var paid = await harness.InForceAsync(customer.OrganizationId);
        var paidBase = all.Where(g => g.Kind == GrantKind.Base && g.Source.StartsWith($"base:{paid.Id:N}:", StringComparison.Ordinal)).ToList();
        Assert.Equal(periods + 1, paidBase.Count);
        Assert.Equal(paidBase.Count, paidBase.Select(g => g.StartsAt).Distinct().Count());
        for (var i = 1; i < paidBase.Count; i++)
        {
            Assert.Equal(paidBase[i - 1].ExpiresAt, paidBase[i].StartsAt); // consecutive periods, no overlap, no gap
        }

        foreach (var ended in all.Where(g => g.ExpiresAt <= harness.Now))
        {
            Assert.Equal(0, ended.Remaining);
        }

        var bonus = Assert.Single(all, g => g.Kind == GrantKind.FirstPeriodBonus);
        Assert.Equal(tier.FirstPeriodBonusFor(seats).Value, bonus.Amount);
        Assert.Equal(periodsSeen[0].End, bonus.ExpiresAt);
        Assert.Equal(bonus.Amount, bonus.Expired);
        await AssertBooksBalanceAsync(harness.Factory, customer.OrganizationId);
    }

    [Fact]
    public async Task An_upgrade_grants_the_prorated_difference_and_a_downgrade_now_claws_back_above_the_new_allowance()
    {
        await using var harness = new BillingHarness(Start);
        var customer = await harness.CustomerAsync();
        await harness.ChangeAsync(customer.Actor, TierCode.Pro);
        await harness.AdvanceDaysAsync(9);
        var pro = await harness.InForceAsync(customer.OrganizationId);

        var upgrade = await harness.ChangeAsync(customer.Actor, TierCode.Team, BillingCycle.Monthly, 3);
        Assert.True(upgrade.Quote.Proration.CreditsChange.Value > 0);
        var grants = await GrantsAsync(harness.Factory, customer.OrganizationId);
        var difference = Assert.Single(grants, g => g.Source == AllocationSources.BaseChange(pro.Id, upgrade.InvoiceId!.Value));
        Assert.Equal(upgrade.Quote.Proration.CreditsChange.Value, difference.Amount);
        Assert.Equal(harness.Now, difference.StartsAt);
        Assert.Equal(pro.CurrentPeriodEnd, difference.ExpiresAt);
        Assert.Single(grants, g => g.Source == AllocationSources.Bonus(customer.OrganizationId, TierCode.Team));
        var liveBaseBefore = grants.Where(g => g.Kind == GrantKind.Base && g.ExpiresAt > harness.Now).Sum(g => g.Remaining);

        await harness.AdvanceDaysAsync(6);
        var clawedBefore = (await GrantsAsync(harness.Factory, customer.OrganizationId)).Sum(g => g.ClawedBack);
        var downgrade = await harness.ChangeAsync(customer.Actor, TierCode.Pro, applyNow: true);
        Assert.True(downgrade.Quote.Proration.CreditsChange.Value < 0);
        var after = await GrantsAsync(harness.Factory, customer.OrganizationId);
        var clawed = after.Sum(g => g.ClawedBack) - clawedBefore;
        Assert.Equal(Math.Min(-downgrade.Quote.Proration.CreditsChange.Value, liveBaseBefore), clawed);
        Assert.All(after.Where(g => g.ClawedBack > 0), g => Assert.Equal(GrantKind.Base, g.Kind));
        await AssertBooksBalanceAsync(harness.Factory, customer.OrganizationId);
    }

    [Fact]
    public async Task The_first_period_bonus_is_given_once_per_tier_and_expires_with_the_first_period()
    {
        await using var harness = new BillingHarness(Start);
        var customer = await harness.CustomerAsync();
        await harness.ChangeAsync(customer.Actor, TierCode.Pro);
        var first = await harness.InForceAsync(customer.OrganizationId);
        await harness.AdvanceDaysAsync(3);
        await harness.ChangeAsync(customer.Actor, TierCode.Free, applyNow: true);
        await harness.AdvanceDaysAsync(2);
        await harness.ChangeAsync(customer.Actor, TierCode.Pro);

        var grants = await GrantsAsync(harness.Factory, customer.OrganizationId);
        var bonus = Assert.Single(grants, g => g.Kind == GrantKind.FirstPeriodBonus);
        Assert.Equal(AllocationSources.Bonus(customer.OrganizationId, TierCode.Pro), bonus.Source);
        Assert.Equal(first.CurrentPeriodEnd, bonus.ExpiresAt);

        harness.Clock.Advance(bonus.ExpiresAt - harness.Now - TimeSpan.FromTicks(1));
        await PassAsync(harness.Factory);
        Assert.Equal(bonus.Remaining, (await GrantsAsync(harness.Factory, customer.OrganizationId)).Single(g => g.Id == bonus.Id).Remaining); // still live
        harness.Clock.Advance(TimeSpan.FromTicks(1));
        var before = (await GrantsAsync(harness.Factory, customer.OrganizationId)).Single(g => g.Id == bonus.Id).Remaining;
        await PassAsync(harness.Factory);
        await PassAsync(harness.Factory);
        var swept = (await GrantsAsync(harness.Factory, customer.OrganizationId)).Single(g => g.Id == bonus.Id);
        Assert.Equal(0, swept.Remaining);
        Assert.Equal(before, swept.Expired);
        var entries = await EntriesAsync(harness.Factory, customer.OrganizationId);
        var expiry = Assert.Single(entries, e => e.GrantId == bonus.Id && e.Kind == LedgerEntryKind.Expired);
        Assert.Equal(-before, expiry.Change);
        Assert.Equal(bonus.ExpiresAt, expiry.At);
        Assert.Equal(0, entries.Where(e => e.GrantId == bonus.Id).Sum(e => e.Change));
        await AssertBooksBalanceAsync(harness.Factory, customer.OrganizationId);
    }

    [Fact]
    public async Task A_subscription_that_falls_back_to_Free_loses_its_unused_base_credits_and_gets_Free_ones()
    {
        await using var harness = new BillingHarness(Start);
        var customer = await harness.CustomerAsync();
        await harness.ChangeAsync(customer.Actor, TierCode.Pro);
        await harness.AddCardAsync(customer.Actor, BillingHarness.Declined, makeDefault: true);
        var pro = await harness.InForceAsync(customer.OrganizationId);
        await harness.AdvanceDaysAsync(40);
        var renewed = (await GrantsAsync(harness.Factory, customer.OrganizationId)).Single(g => g.Source == AllocationSources.Base(pro.Id, pro.CurrentPeriodEnd));
        Assert.Equal(renewed.Amount, renewed.Remaining + renewed.ClawedBack + renewed.Expired); // granted at renewal, though unpaid

        await harness.AdvanceDaysAsync(30);
        await PassAsync(harness.Factory);
        var free = await harness.InForceAsync(customer.OrganizationId);
        Assert.Equal(TierCode.Free, free.Tier);
        var grants = await GrantsAsync(harness.Factory, customer.OrganizationId);
        var clawed = grants.Single(g => g.Id == renewed.Id);
        Assert.Equal(0, clawed.Remaining);
        Assert.True(clawed.ClawedBack > 0, "the unpaid period's base credits are taken back");
        Assert.Single(grants, g => g.Source == AllocationSources.Base(free.Id, free.CurrentPeriodStart));
        await AssertBooksBalanceAsync(harness.Factory, customer.OrganizationId);
    }
}
