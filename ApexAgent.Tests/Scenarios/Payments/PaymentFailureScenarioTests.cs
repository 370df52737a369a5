using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Billing.Payments;
using ApexAgent.Portal.Features.Billing.Reconciliation;
using ApexAgent.Portal.Integrations.Sandbox;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApexAgent.Tests.Scenarios.Payments;

/// <summary>Hard and soft declines and lost answers on the fake clock (ADR 0020).</summary>
public sealed class PaymentFailureScenarioTests
{
    private const string InsufficientFunds = "4000000000009995";
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A Pro customer (paid with a good card) whose default card is now <paramref name="card"/>, at the renewal.</summary>
    private static async Task<(TestAccount Customer, Invoice Renewal)> RenewOnAsync(BillingHarness world, string card)
    {
        var customer = await world.CustomerAsync();
        await world.ChangeAsync(customer.Actor, TierCode.Pro);
        await world.AddCardAsync(customer.Actor, card, makeDefault: true);
        world.Clock.SetUtcNow(Start.AddMonths(1).AddHours(1));
        await world.RunAsync();
        var renewal = (await world.InvoicesAsync(customer.OrganizationId)).Single(i => i.Purpose == InvoicePurpose.Renewal);
        return (customer, renewal);
    }

    private static Task<int> SandboxChargesAsync(BillingHarness world, Guid invoiceId) =>
        world.DbAsync(db => db.SandboxCharges.CountAsync(c => c.IdempotencyKey.StartsWith($"invoice:{invoiceId:N}:") && c.RefundOf == null));

    [Fact]
    public async Task A_hard_decline_goes_to_dunning_flags_the_card_and_never_charges_it_again_until_a_new_card_pays()
    {
        await using var world = new BillingHarness(Start);
        var (customer, renewal) = await RenewOnAsync(world, BillingHarness.Declined);
        var firstFailure = world.Now;

        Assert.Equal((InvoiceStatus.Open, 1, firstFailure.AddDays(1)), (renewal.Status, renewal.AttemptCount, renewal.NextAttemptAt));
        var declined = await world.DbAsync(db => db.PaymentMethods.AsNoTracking().SingleAsync(m => m.Last4 == "0002"));
        Assert.Equal(("card_declined", firstFailure), (declined.DeclineCode, declined.DeclinedAt));
        var listed = (await world.Methods.ListAsync(customer.Actor, CancellationToken.None)).Value;
        Assert.True(listed.Single(m => m.Last4 == "0002").Declined);
        Assert.False(listed.Single(m => m.Last4 == "4242").Declined);
        var notice = await world.DbAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.OrganizationId == customer.OrganizationId && n.Kind == "billing.payment_failed"));
        Assert.Contains("new payment method is needed", notice.Title);
        Assert.Contains("will not be charged again", notice.Body);
        Assert.Equal("/billing/payment-methods", notice.Link);

        // The schedule goes on (1, 3, 5, 7 days) without charging the declined card again, then the plan is past due.
        await world.AdvanceDaysAsync(7);
        var after = await world.DbAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.Id == renewal.Id));
        Assert.Equal((InvoiceStatus.Open, 5, (DateTimeOffset?)null), (after.Status, after.AttemptCount, after.NextAttemptAt));
        Assert.Equal(1, await SandboxChargesAsync(world, renewal.Id));
        Assert.Equal(SubscriptionStatus.PastDue, (await world.InForceAsync(customer.OrganizationId)).Status);
        Assert.Equal(5, (await world.NoticesAsync(customer.OrganizationId, "billing.payment_failed")).Count);

        // A new card pays at once and clears the past due state.
        await world.AddCardAsync(customer.Actor, BillingHarness.Good, makeDefault: true);
        Assert.Equal(InvoiceStatus.Paid, (await world.DbAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.Id == renewal.Id))).Status);
        Assert.Equal(SubscriptionStatus.Active, (await world.InForceAsync(customer.OrganizationId)).Status);
        Assert.Equal(2, await SandboxChargesAsync(world, renewal.Id));
    }

    [Fact]
    public async Task Choosing_a_declined_card_again_clears_its_flag_and_tries_it_at_once()
    {
        await using var world = new BillingHarness(Start);
        var (customer, renewal) = await RenewOnAsync(world, BillingHarness.Declined);
        var card = await world.DbAsync(db => db.PaymentMethods.AsNoTracking().SingleAsync(m => m.Last4 == "0002"));

        var again = await world.Methods.MakeDefaultAsync(customer.Actor, card.Id, CancellationToken.None);

        Assert.True(again.IsSuccess);
        Assert.Equal(2, await SandboxChargesAsync(world, renewal.Id)); // tried once more, on the customer's word
        Assert.True((await world.Methods.ListAsync(customer.Actor, CancellationToken.None)).Value.Single(m => m.Id == card.Id).Declined); // and declined again
    }

    [Fact]
    public async Task A_soft_decline_retries_on_the_schedule_then_goes_past_due()
    {
        await using var world = new BillingHarness(Start);
        var (customer, renewal) = await RenewOnAsync(world, InsufficientFunds);
        var firstFailure = world.Now;
        Assert.Equal(firstFailure.AddDays(1), renewal.NextAttemptAt);
        Assert.Null((await world.DbAsync(db => db.PaymentMethods.AsNoTracking().SingleAsync(m => m.Last4 == "9995"))).DeclinedAt);

        await world.AdvanceDaysAsync(8);

        var attempts = (await world.PaymentsAsync(customer.OrganizationId)).Where(p => p.InvoiceId == renewal.Id).ToList();
        Assert.Equal(new[] { 0, 1, 3, 5, 7 }.Select(d => firstFailure.AddDays(d)), attempts.Select(p => p.CreatedAt));
        Assert.All(attempts, p => Assert.Equal((PaymentStatus.Failed, "insufficient_funds"), (p.Status, p.FailureCode)));
        Assert.Equal(5, await SandboxChargesAsync(world, renewal.Id));
        Assert.Equal(SubscriptionStatus.PastDue, (await world.InForceAsync(customer.OrganizationId)).Status);
        var notices = await world.DbAsync(db => db.Notifications.AsNoTracking().Where(n => n.OrganizationId == customer.OrganizationId && n.Kind == "billing.payment_failed").OrderBy(n => n.CreatedAt).ToListAsync());
        Assert.Equal(5, notices.Count);
        Assert.All(notices.Take(4), n => Assert.Contains("We will try again on", n.Body));
        Assert.Contains("past due", notices[^1].Body);
        Assert.DoesNotContain(notices, n => n.Title.Contains("new payment method is needed"));
    }

    [Fact]
    public async Task A_lost_answer_stays_pending_and_the_reconciliation_settles_it_without_a_second_charge()
    {
        await using var world = new BillingHarness(Start, Flaky);
        var flaky = world.Factory.Get<FlakyPaymentProcessor>();
        var customer = await world.CustomerAsync();
        await world.ChangeAsync(customer.Actor, TierCode.Pro);
        world.Clock.SetUtcNow(Start.AddMonths(1).AddHours(1));
        flaky.LoseNextAnswer = true;
        await world.RunAsync();

        var renewal = (await world.InvoicesAsync(customer.OrganizationId)).Single(i => i.Purpose == InvoicePurpose.Renewal);
        Assert.Equal((InvoiceStatus.Open, 0), (renewal.Status, renewal.AttemptCount));
        Assert.Equal(PaymentStatus.Pending, (await world.PaymentsAsync(customer.OrganizationId)).Single(p => p.InvoiceId == renewal.Id).Status);
        Assert.Equal(1, await SandboxChargesAsync(world, renewal.Id));

        var reconciliation = world.Factory.Get<PendingPaymentReconciliation>();
        Assert.Equal(0, (await reconciliation.RunAsync(CancellationToken.None)).Waiting); // within the grace period: not looked at
        world.Clock.Advance(PendingPaymentReconciliation.Grace);
        flaky.LookupsDown = true;
        Assert.Equal(new PendingReconciliationSummary(0, 0, 1, 0), await reconciliation.RunAsync(CancellationToken.None)); // still down: later
        var callsBefore = flaky.ChargeCalls;
        await world.RunAsync(); // the billing run does not charge a pending attempt again
        Assert.Equal(callsBefore, flaky.ChargeCalls);

        flaky.LookupsDown = false;
        Assert.Equal(1, (await reconciliation.RunAsync(CancellationToken.None)).Settled);
        Assert.Equal(InvoiceStatus.Paid, (await world.DbAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.Id == renewal.Id))).Status);
        await world.AdvanceDaysAsync(2);
        Assert.Equal(1, await SandboxChargesAsync(world, renewal.Id));
        Assert.Equal(PaymentStatus.Succeeded, (await world.PaymentsAsync(customer.OrganizationId)).Single(p => p.InvoiceId == renewal.Id).Status);
        Assert.Equal(new PendingReconciliationSummary(0, 0, 0, 0), await reconciliation.RunAsync(CancellationToken.None));
    }

    [Fact]
    public async Task An_attempt_the_processor_never_received_is_closed_after_an_hour_and_the_next_one_charges_once()
    {
        await using var world = new BillingHarness(Start, Flaky);
        var flaky = world.Factory.Get<FlakyPaymentProcessor>();
        var customer = await world.CustomerAsync();
        await world.ChangeAsync(customer.Actor, TierCode.Pro);
        world.Clock.SetUtcNow(Start.AddMonths(1).AddHours(1));
        flaky.FailNextCall = true;
        await world.RunAsync();
        var renewal = (await world.InvoicesAsync(customer.OrganizationId)).Single(i => i.Purpose == InvoicePurpose.Renewal);
        var reconciliation = world.Factory.Get<PendingPaymentReconciliation>();

        // Not seen by the processor, but young: it waits (a request might still be on its way), and nothing is charged.
        await world.AdvanceAsync(TimeSpan.FromMinutes(50), TimeSpan.FromMinutes(5));
        Assert.Equal(1, (await reconciliation.RunAsync(CancellationToken.None)).Waiting);
        Assert.Equal(0, await SandboxChargesAsync(world, renewal.Id));

        world.Clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(1, (await reconciliation.RunAsync(CancellationToken.None)).Closed);
        await world.RunAsync();

        var payments = (await world.PaymentsAsync(customer.OrganizationId)).Where(p => p.InvoiceId == renewal.Id).ToList();
        Assert.Equal(
            new (string, PaymentStatus, string?)[] { ($"invoice:{renewal.Id:N}:attempt:1", PaymentStatus.Failed, InvoiceCharger.NotChargedCode), ($"invoice:{renewal.Id:N}:attempt:2", PaymentStatus.Succeeded, null) },
            payments.Select(p => (p.IdempotencyKey, p.Status, p.FailureCode)).ToList());
        var after = await world.DbAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.Id == renewal.Id));
        Assert.Equal((InvoiceStatus.Paid, 0), (after.Status, after.AttemptCount)); // never a dunning failure
        Assert.Equal(1, await SandboxChargesAsync(world, renewal.Id));
        Assert.Empty(await world.NoticesAsync(customer.OrganizationId, "billing.payment_failed"));
    }

    private static void Flaky(IServiceCollection services)
    {
        services.AddSingleton<FlakyPaymentProcessor>();
        services.AddSingleton<IPaymentProcessor>(sp => sp.GetRequiredService<FlakyPaymentProcessor>());
    }
}
