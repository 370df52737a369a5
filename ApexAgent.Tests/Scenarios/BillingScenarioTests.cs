using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Billing.Revenue;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Tests.Scenarios;

/// <summary>
/// The billing engine driven through its real services on a fake clock over thirteen months: renewals, numbering,
/// day-exact proration in short and long months and across 29 February 2028, cancellations, scheduled downgrades,
/// balances and dunning.
/// </summary>
public sealed class BillingScenarioTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The share of a full-period price for <paramref name="remaining"/> of <paramref name="total"/> days, rounded half away from zero.</summary>
    private static long Share(long price, int remaining, int total) => (long)Math.Round((decimal)price * remaining / total, MidpointRounding.AwayFromZero);

    [Fact]
    public async Task Monthly_and_annual_plans_renew_once_per_period_with_gapless_numbers_restarting_each_year()
    {
        await using var world = new BillingHarness(Start);
        var monthly = await world.CustomerAsync();
        var annual = await world.CustomerAsync();
        await world.ChangeAsync(monthly.Actor, TierCode.Pro);
        await world.ChangeAsync(annual.Actor, TierCode.Team, BillingCycle.Annual, seats: 3);

        await world.AdvanceAsync(TimeSpan.FromDays(400), TimeSpan.FromHours(12));

        var monthlyInvoices = await world.InvoicesAsync(monthly.OrganizationId);
        Assert.Equal(14, monthlyInvoices.Count); // the first period and 13 renewals (5 Jan 2027 … 5 Jan 2028)
        Assert.All(monthlyInvoices, i => Assert.Equal(InvoiceStatus.Paid, i.Status));
        Assert.All(monthlyInvoices, i => Assert.Equal(2_000, i.TotalMinor));
        var periods = monthlyInvoices.Select(i => (i.PeriodStart!.Value, i.PeriodEnd!.Value)).ToList();
        for (var n = 0; n < periods.Count; n++)
        {
            Assert.Equal(Start.AddMonths(n), periods[n].Item1);
            Assert.Equal(Start.AddMonths(n + 1), periods[n].Item2);
        }

        var annualInvoices = await world.InvoicesAsync(annual.OrganizationId);
        Assert.Equal(2, annualInvoices.Count);
        Assert.All(annualInvoices, i => Assert.Equal(3 * 40_000, i.TotalMinor));
        Assert.Equal(Start.AddYears(1), annualInvoices[1].PeriodStart);

        var all = await world.AllInvoicesAsync();
        BillingHarness.AssertGapless(all);
        Assert.Equal(["APX-2026-000001", "APX-2026-000002"], all.Where(i => i.FinalizedAt!.Value.Year == 2026).Select(i => i.Number!).Order());
        Assert.Equal(Enumerable.Range(1, 13).Select(n => $"APX-2027-{n:D6}"), all.Where(i => i.FinalizedAt!.Value.Year == 2027).Select(i => i.Number!).Order());
        Assert.Equal(["APX-2028-000001"], all.Where(i => i.FinalizedAt!.Value.Year == 2028).Select(i => i.Number!));

        var charges = await world.DbAsync(db => db.SandboxCharges.AsNoTracking().Where(c => c.Status == "succeeded").ToListAsync());
        Assert.Equal(all.Count, charges.Count);
        Assert.Equal(all.Sum(i => i.TotalMinor), charges.Sum(c => c.AmountMinor));
    }

    public static TheoryData<DateTimeOffset, DateTimeOffset, int, int> ProrationCases => new()
    {
        // subscribed (period start), changed at, days remaining (the day of the change counts), days in the period
        { new(2027, 2, 1, 9, 0, 0, TimeSpan.Zero), new(2027, 2, 11, 12, 0, 0, TimeSpan.Zero), 18, 28 },
        { new(2027, 4, 1, 9, 0, 0, TimeSpan.Zero), new(2027, 4, 21, 12, 0, 0, TimeSpan.Zero), 10, 30 },
        { new(2027, 5, 1, 9, 0, 0, TimeSpan.Zero), new(2027, 5, 2, 12, 0, 0, TimeSpan.Zero), 30, 31 },
        { new(2028, 2, 10, 9, 0, 0, TimeSpan.Zero), new(2028, 2, 28, 12, 0, 0, TimeSpan.Zero), 11, 29 },
        { new(2028, 2, 20, 9, 0, 0, TimeSpan.Zero), new(2028, 3, 1, 12, 0, 0, TimeSpan.Zero), 19, 29 },
    };

    [Theory]
    [MemberData(nameof(ProrationCases))]
    public async Task An_upgrade_mid_cycle_charges_exactly_the_remaining_days(DateTimeOffset subscribed, DateTimeOffset changedAt, int remaining, int total)
    {
        Assert.Equal(total, (subscribed.AddMonths(1).Date - subscribed.Date).Days);
        Assert.Equal(remaining, (subscribed.AddMonths(1).Date - changedAt.Date).Days);
        await using var world = new BillingHarness(subscribed);
        var customer = await world.CustomerAsync();
        await world.ChangeAsync(customer.Actor, TierCode.Pro);
        world.Clock.SetUtcNow(changedAt);
        await world.RunAsync();

        var result = await world.ChangeAsync(customer.Actor, TierCode.Team, seats: 2);

        var invoice = (await world.InvoicesAsync(customer.OrganizationId)).Single(i => i.Id == result.InvoiceId);
        var unused = invoice.Lines.Single(l => l.Kind == InvoiceLineKind.UnusedTime).AmountMinor;
        var charge = invoice.Lines.Single(l => l.Kind == InvoiceLineKind.RemainingTime).AmountMinor;
        Assert.Equal(-Share(2_000, remaining, total), unused);
        Assert.Equal(Share(2 * 4_000, remaining, total), charge);
        Assert.Equal(unused + charge, invoice.TotalMinor);
        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
        var payments = await world.PaymentsAsync(customer.OrganizationId);
        Assert.Equal(invoice.TotalMinor, payments.Single(p => p.InvoiceId == invoice.Id && p.Status == PaymentStatus.Succeeded).AmountMinor);
        var subscription = await world.InForceAsync(customer.OrganizationId);
        Assert.Equal((TierCode.Team, 2), (subscription.Tier, subscription.Seats));
        Assert.Equal(subscribed.AddMonths(1), subscription.CurrentPeriodEnd); // same cycle: the period is unchanged

        // The next renewal bills the full Team price for two seats.
        world.Clock.SetUtcNow(subscribed.AddMonths(1).AddHours(1));
        await world.RunAsync();
        var renewal = (await world.InvoicesAsync(customer.OrganizationId)).Last();
        Assert.Equal(InvoicePurpose.Renewal, renewal.Purpose);
        Assert.Equal(8_000, renewal.TotalMinor);
        Assert.Equal(InvoiceStatus.Paid, renewal.Status);
    }

    [Theory]
    [MemberData(nameof(ProrationCases))]
    public async Task A_downgrade_applied_now_credits_the_balance_which_the_next_invoice_consumes(DateTimeOffset subscribed, DateTimeOffset changedAt, int remaining, int total)
    {
        await using var world = new BillingHarness(subscribed);
        var customer = await world.CustomerAsync();
        await world.ChangeAsync(customer.Actor, TierCode.Team, seats: 3);
        world.Clock.SetUtcNow(changedAt);

        var result = await world.ChangeAsync(customer.Actor, TierCode.Pro, applyNow: true);

        var expected = Share(2_000, remaining, total) - Share(3 * 4_000, remaining, total);
        var invoice = (await world.InvoicesAsync(customer.OrganizationId)).Single(i => i.Id == result.InvoiceId);
        Assert.Equal(expected, invoice.TotalMinor);
        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
        Assert.Equal(-expected, await world.BalanceAsync(customer.OrganizationId));
        Assert.Equal(TierCode.Pro, (await world.InForceAsync(customer.OrganizationId)).Tier);

        // Renewals use the balance up, then charge the card again.
        var credit = -expected;
        world.Clock.SetUtcNow(subscribed.AddMonths(1).AddHours(1));
        await world.AdvanceAsync(TimeSpan.FromDays(150), TimeSpan.FromDays(1));
        var renewals = (await world.InvoicesAsync(customer.OrganizationId)).Where(i => i.Purpose == InvoicePurpose.Renewal).ToList();
        Assert.True(renewals.Count >= 5);
        foreach (var renewal in renewals)
        {
            var used = Math.Min(credit, 2_000);
            Assert.Equal(2_000, renewal.Subtotal.Minor);
            Assert.Equal(used, renewal.BalanceApplied.Minor);
            Assert.Equal(2_000 - used, renewal.TotalMinor);
            Assert.Equal(InvoiceStatus.Paid, renewal.Status);
            credit -= used;
        }

        Assert.Equal(credit, await world.BalanceAsync(customer.OrganizationId));
        var paid = (await world.PaymentsAsync(customer.OrganizationId)).Where(p => p.Status == PaymentStatus.Succeeded).Sum(p => p.AmountMinor);
        var invoices = await world.InvoicesAsync(customer.OrganizationId);
        Assert.Equal(invoices.Where(i => i.TotalMinor > 0).Sum(i => i.TotalMinor), paid);
    }

    [Fact]
    public async Task Seat_changes_prorate_the_seat_difference()
    {
        await using var world = new BillingHarness(new DateTimeOffset(2027, 6, 1, 9, 0, 0, TimeSpan.Zero));
        var customer = await world.CustomerAsync();
        await world.ChangeAsync(customer.Actor, TierCode.Team, seats: 2);
        world.Clock.SetUtcNow(new DateTimeOffset(2027, 6, 16, 12, 0, 0, TimeSpan.Zero)); // 15 of 30 days left

        var more = await world.ChangeAsync(customer.Actor, TierCode.Team, seats: 5);
        var invoice = (await world.InvoicesAsync(customer.OrganizationId)).Single(i => i.Id == more.InvoiceId);
        Assert.Equal(Share(20_000, 15, 30) - Share(8_000, 15, 30), invoice.TotalMinor);

        var fewer = await world.ChangeAsync(customer.Actor, TierCode.Team, seats: 3);
        Assert.Equal(PlanChangeTiming.AtPeriodEnd, fewer.Timing); // fewer seats is a downgrade: it waits
        Assert.Equal(5, (await world.InForceAsync(customer.OrganizationId)).Seats);
        world.Clock.SetUtcNow(new DateTimeOffset(2027, 7, 1, 10, 0, 0, TimeSpan.Zero));
        await world.RunAsync();
        var subscription = await world.InForceAsync(customer.OrganizationId);
        Assert.Equal((3, false), (subscription.Seats, subscription.HasScheduledChange));
        Assert.Equal(12_000, (await world.InvoicesAsync(customer.OrganizationId)).Last().TotalMinor);
    }

    [Fact]
    public async Task A_downgrade_scheduled_for_the_period_end_applies_at_renewal()
    {
        await using var world = new BillingHarness(Start);
        var customer = await world.CustomerAsync();
        await world.ChangeAsync(customer.Actor, TierCode.Team, seats: 2);
        world.Clock.Advance(TimeSpan.FromDays(10));
        var scheduled = await world.ChangeAsync(customer.Actor, TierCode.Pro);
        Assert.Equal(PlanChangeTiming.AtPeriodEnd, scheduled.Timing);
        Assert.Null(scheduled.InvoiceId);
        Assert.Equal(TierCode.Team, (await world.InForceAsync(customer.OrganizationId)).Tier);

        await world.AdvanceDaysAsync(25);

        var subscription = await world.InForceAsync(customer.OrganizationId);
        Assert.Equal(TierCode.Pro, subscription.Tier);
        Assert.Equal(Start.AddMonths(1), subscription.CurrentPeriodStart);
        Assert.Equal(Start.AddMonths(2), subscription.CurrentPeriodEnd);
        var invoices = await world.InvoicesAsync(customer.OrganizationId);
        Assert.Equal([8_000, 2_000], invoices.Select(i => i.TotalMinor));
        Assert.Equal(0, await world.BalanceAsync(customer.OrganizationId));
    }

    [Fact]
    public async Task Cancel_at_period_end_can_be_resumed_and_otherwise_ends_on_free()
    {
        await using var world = new BillingHarness(Start);
        var customer = await world.CustomerAsync();
        await world.ChangeAsync(customer.Actor, TierCode.Pro);
        world.Clock.Advance(TimeSpan.FromDays(5));
        Assert.True((await world.Plans.CancelAsync(customer.Actor, CancellationToken.None)).IsSuccess);
        Assert.True((await world.InForceAsync(customer.OrganizationId)).CancelAtPeriodEnd);
        Assert.True((await world.Plans.ResumeAsync(customer.Actor, CancellationToken.None)).IsSuccess);

        await world.AdvanceDaysAsync(30); // renews on 5 Jan
        Assert.Equal(2, (await world.InvoicesAsync(customer.OrganizationId)).Count);
        Assert.Equal(TierCode.Pro, (await world.InForceAsync(customer.OrganizationId)).Tier);

        Assert.True((await world.Plans.CancelAsync(customer.Actor, CancellationToken.None)).IsSuccess);
        await world.AdvanceDaysAsync(40);

        var subscriptions = await world.DbAsync(db => db.Subscriptions.AsNoTracking().Where(s => s.OrganizationId == customer.OrganizationId).ToListAsync());
        var ended = subscriptions.Single(s => s.Tier == TierCode.Pro);
        Assert.Equal(SubscriptionStatus.Canceled, ended.Status);
        Assert.Equal(Start.AddMonths(2), ended.EndedAt);
        var free = await world.InForceAsync(customer.OrganizationId);
        Assert.Equal((TierCode.Free, SubscriptionStatus.Active), (free.Tier, free.Status));
        Assert.Equal(2, (await world.InvoicesAsync(customer.OrganizationId)).Count); // nothing billed after the cancellation
        Assert.Single(await world.NoticesAsync(customer.OrganizationId, "billing.canceled"));
    }

    [Fact]
    public async Task Renewal_notices_go_out_three_days_ahead_exactly_once_per_period()
    {
        await using var world = new BillingHarness(Start);
        var customer = await world.CustomerAsync();
        await world.ChangeAsync(customer.Actor, TierCode.Pro);

        await world.AdvanceAsync(TimeSpan.FromDays(95), TimeSpan.FromHours(6));

        var notices = await world.DbAsync(db => db.Notifications.AsNoTracking().Where(n => n.OrganizationId == customer.OrganizationId && n.Kind == "billing.renewal_upcoming").OrderBy(n => n.CreatedAt).ToListAsync());
        Assert.Equal(3, notices.Count); // before 5 Jan, 5 Feb and 5 Mar
        Assert.Equal(notices.Count, notices.Select(n => n.DedupeKey).Distinct().Count());
        for (var n = 0; n < notices.Count; n++)
        {
            var renewal = Start.AddMonths(n + 1);
            Assert.InRange(notices[n].CreatedAt, renewal.AddDays(-3), renewal.AddDays(-3).AddHours(6));
        }
    }

    [Fact]
    public async Task A_failing_card_goes_through_every_dunning_step_then_falls_back_to_free()
    {
        await using var world = new BillingHarness(Start);
        var customer = await world.CustomerAsync();
        await world.ChangeAsync(customer.Actor, TierCode.Pro);
        await world.AddCardAsync(customer.Actor, BillingHarness.InsufficientFunds, makeDefault: true);
        world.Clock.SetUtcNow(Start.AddMonths(1));
        await world.RunAsync();
        var firstFailure = world.Now;

        await world.AdvanceDaysAsync(20);

        var renewal = (await world.InvoicesAsync(customer.OrganizationId)).Single(i => i.Purpose == InvoicePurpose.Renewal);
        var attempts = (await world.PaymentsAsync(customer.OrganizationId)).Where(p => p.InvoiceId == renewal.Id).ToList();
        Assert.Equal([0, 1, 3, 5, 7], attempts.Select(p => (int)(p.CreatedAt - firstFailure).TotalDays));
        Assert.All(attempts, p => Assert.Equal(PaymentStatus.Failed, p.Status));
        Assert.Equal(5, (await world.NoticesAsync(customer.OrganizationId, "billing.payment_failed")).Count);
        Assert.Equal(InvoiceStatus.Uncollectible, renewal.Status);

        var events = await world.DbAsync(db => db.SubscriptionEvents.AsNoTracking().Where(e => e.OrganizationId == customer.OrganizationId).ToListAsync());
        Assert.Equal(firstFailure.AddDays(7), events.Single(e => e.Kind == SubscriptionChangeKind.PastDue).At);
        Assert.Equal(firstFailure.AddDays(14), events.Single(e => e.Kind == SubscriptionChangeKind.FellBackToFree).At);
        var free = await world.InForceAsync(customer.OrganizationId);
        Assert.Equal(TierCode.Free, free.Tier);
        var pro = await world.DbAsync(db => db.Subscriptions.AsNoTracking().SingleAsync(s => s.OrganizationId == customer.OrganizationId && s.Tier == TierCode.Pro));
        Assert.Equal((SubscriptionStatus.Canceled, "nonpayment"), (pro.Status, pro.EndReason));
        Assert.Equal(5, await world.DbAsync(db => db.SandboxCharges.CountAsync(c => c.Status == "failed")));
    }

    [Fact]
    public async Task A_card_added_mid_dunning_is_charged_at_once_and_the_invoice_recovers()
    {
        await using var world = new BillingHarness(Start);
        var customer = await world.CustomerAsync();
        await world.ChangeAsync(customer.Actor, TierCode.Pro);
        await world.AddCardAsync(customer.Actor, BillingHarness.InsufficientFunds, makeDefault: true);
        world.Clock.SetUtcNow(Start.AddMonths(1));
        await world.AdvanceDaysAsync(2); // failures on day 0 and day 1

        world.Clock.Advance(TimeSpan.FromHours(3));
        await world.AddCardAsync(customer.Actor, BillingHarness.Good, makeDefault: true);

        var renewal = (await world.InvoicesAsync(customer.OrganizationId)).Single(i => i.Purpose == InvoicePurpose.Renewal);
        Assert.Equal(InvoiceStatus.Paid, renewal.Status);
        Assert.Equal(world.Now, renewal.PaidAt);
        var attempts = (await world.PaymentsAsync(customer.OrganizationId)).Where(p => p.InvoiceId == renewal.Id).Select(p => p.Status).ToList();
        Assert.Equal([PaymentStatus.Failed, PaymentStatus.Failed, PaymentStatus.Succeeded], attempts);
        Assert.Single(await world.NoticesAsync(customer.OrganizationId, "billing.payment_recovered"));

        await world.AdvanceDaysAsync(20);
        Assert.Equal(3, (await world.PaymentsAsync(customer.OrganizationId)).Count(p => p.InvoiceId == renewal.Id)); // no retries after recovery
        Assert.Equal((TierCode.Pro, SubscriptionStatus.Active), ((await world.InForceAsync(customer.OrganizationId)).Tier, (await world.InForceAsync(customer.OrganizationId)).Status));
    }

    [Fact]
    public async Task A_past_due_subscription_recovers_when_a_working_card_is_added()
    {
        await using var world = new BillingHarness(Start);
        var customer = await world.CustomerAsync();
        await world.ChangeAsync(customer.Actor, TierCode.Pro);
        await world.AddCardAsync(customer.Actor, BillingHarness.Declined, makeDefault: true);
        world.Clock.SetUtcNow(Start.AddMonths(1));
        await world.AdvanceDaysAsync(9);
        Assert.Equal(SubscriptionStatus.PastDue, (await world.InForceAsync(customer.OrganizationId)).Status);

        await world.AddCardAsync(customer.Actor, BillingHarness.Good, makeDefault: true);

        var subscription = await world.InForceAsync(customer.OrganizationId);
        Assert.Equal((TierCode.Pro, SubscriptionStatus.Active, (DateTimeOffset?)null), (subscription.Tier, subscription.Status, subscription.PastDueSince));
        await world.AdvanceDaysAsync(40);
        subscription = await world.InForceAsync(customer.OrganizationId);
        Assert.Equal((TierCode.Pro, SubscriptionStatus.Active), (subscription.Tier, subscription.Status));
        var invoices = await world.InvoicesAsync(customer.OrganizationId);
        Assert.All(invoices, i => Assert.Equal(InvoiceStatus.Paid, i.Status));
        Assert.Equal(3, invoices.Count);
    }

    [Fact]
    public async Task The_transient_card_fails_once_and_succeeds_on_the_next_retry()
    {
        await using var world = new BillingHarness(Start);
        var customer = await world.CustomerAsync();
        await world.ChangeAsync(customer.Actor, TierCode.Pro);
        await world.AddCardAsync(customer.Actor, BillingHarness.Transient, makeDefault: true);
        world.Clock.SetUtcNow(Start.AddMonths(1));
        await world.RunAsync();
        var firstFailure = world.Now;
        await world.AdvanceDaysAsync(3);

        var renewal = (await world.InvoicesAsync(customer.OrganizationId)).Single(i => i.Purpose == InvoicePurpose.Renewal);
        Assert.Equal(InvoiceStatus.Paid, renewal.Status);
        Assert.Equal(firstFailure.AddDays(1), renewal.PaidAt);
        var attempts = (await world.PaymentsAsync(customer.OrganizationId)).Where(p => p.InvoiceId == renewal.Id).ToList();
        Assert.Equal([PaymentStatus.Failed, PaymentStatus.Succeeded], attempts.Select(p => p.Status));
        Assert.Single(await world.NoticesAsync(customer.OrganizationId, "billing.payment_failed"));
    }

    [Fact]
    public async Task Subscribing_works_when_the_free_period_lapsed_before_its_renewal_job_ran()
    {
        await using var world = new BillingHarness(Start);
        var customer = await world.CustomerAsync();
        world.Clock.SetUtcNow(Start.AddMonths(1).AddMinutes(5)); // the free-period job runs every 15 minutes

        var result = await world.ChangeAsync(customer.Actor, TierCode.Pro);

        var subscription = await world.InForceAsync(customer.OrganizationId);
        Assert.Equal((TierCode.Pro, world.Now, world.Now.AddMonths(1)), (subscription.Tier, subscription.CurrentPeriodStart, subscription.CurrentPeriodEnd));
        Assert.Equal(2_000, (await world.InvoicesAsync(customer.OrganizationId)).Single(i => i.Id == result.InvoiceId).TotalMinor);
    }

    [Fact]
    public async Task A_change_asked_for_after_the_period_ended_but_before_the_run_renewed_is_refused_cleanly()
    {
        await using var world = new BillingHarness(Start);
        var customer = await world.CustomerAsync();
        await world.ChangeAsync(customer.Actor, TierCode.Pro);
        world.Clock.SetUtcNow(Start.AddMonths(1).AddMinutes(2)); // the billing run comes every 5 minutes

        var result = await world.Plans.ConfirmAsync(customer.Actor, new PlanChangeRequest(TierCode.Team, BillingCycle.Monthly, 2), CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.Equal("renewal_in_progress", result.Error!.Code);
        await world.RunAsync();
        await world.ChangeAsync(customer.Actor, TierCode.Team, seats: 2); // once renewed, the change goes through
    }
}
