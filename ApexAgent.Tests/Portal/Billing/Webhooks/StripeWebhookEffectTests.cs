using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Billing.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Tests.Portal.Billing.Webhooks;

/// <summary>What each Stripe event does to invoices, payments, dunning, disputes and saved methods — once.</summary>
public sealed class StripeWebhookEffectTests(WebhookWorld world) : IClassFixture<WebhookWorld>
{
    private DateTimeOffset Now => world.Billing.Now;

    [Fact]
    public async Task A_pending_renewal_payment_is_settled_once_however_often_and_concurrently_the_success_arrives()
    {
        var intent = WebhookWorld.NewId("pi_");
        var (customer, invoice, pending) = await world.PendingAsync("stripe", intent);
        var json = WebhookWorld.StripeEvent("payment_intent.succeeded", WebhookWorld.Intent(intent, 2000), Now);

        var outcomes = new List<string> { await world.StripeOkAsync(json) };
        outcomes.AddRange(await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => world.StripeOkAsync(json))));
        outcomes.Add(await world.StripeOkAsync(json));

        Assert.Equal("applied", outcomes[0]);
        Assert.All(outcomes.Skip(1), o => Assert.NotEqual("waiting", o));
        var paid = await world.InvoiceAsync(invoice.Id);
        Assert.Equal((InvoiceStatus.Paid, 2000L), (paid.Status, paid.AmountPaidMinor));
        var payment = await world.PaymentAsync(pending.Id);
        Assert.Equal((PaymentStatus.Succeeded, intent), (payment.Status, payment.ProcessorPaymentId));
        Assert.Equal(1, await world.Billing.DbAsync(db => db.ProcessorEvents.CountAsync(e => e.ObjectId == intent)));

        // A failure older than the success, arriving late, changes nothing: state only moves forward.
        var late = WebhookWorld.StripeEvent("payment_intent.payment_failed", WebhookWorld.Intent(intent, 2000, "insufficient_funds"), Now.AddMinutes(-10));
        Assert.Equal("ignored", await world.StripeOkAsync(late));
        paid = await world.InvoiceAsync(invoice.Id);
        Assert.Equal((InvoiceStatus.Paid, 0), (paid.Status, paid.AttemptCount));
        Assert.Empty(await world.Billing.NoticesAsync(customer.OrganizationId, "billing.payment_failed"));
    }

    [Fact]
    public async Task A_failed_payment_starts_dunning_and_the_last_failure_makes_the_subscription_past_due()
    {
        var intent = WebhookWorld.NewId("pi_");
        var (customer, invoice, pending) = await world.PendingAsync("stripe", intent);

        var json = WebhookWorld.StripeEvent("payment_intent.payment_failed", WebhookWorld.Intent(intent, 2000, "insufficient_funds"), Now);
        Assert.Equal("applied", await world.StripeOkAsync(json));
        Assert.Equal("applied", await world.StripeOkAsync(json)); // a repeat is acknowledged with the first outcome, and changes nothing

        var open = await world.InvoiceAsync(invoice.Id);
        Assert.Equal((InvoiceStatus.Open, 1), (open.Status, open.AttemptCount));
        Assert.NotNull(open.NextAttemptAt);
        var failed = await world.PaymentAsync(pending.Id);
        Assert.Equal((PaymentStatus.Failed, "insufficient_funds"), (failed.Status, failed.FailureCode));
        Assert.Single(await world.Billing.NoticesAsync(customer.OrganizationId, "billing.payment_failed"));
        Assert.Equal(SubscriptionStatus.Active, (await world.Billing.InForceAsync(customer.OrganizationId)).Status);

        // Each later attempt's failure (a new payment intent each) moves dunning on; after the last, past due.
        for (var attempt = 2; attempt <= 5; attempt++)
        {
            var next = WebhookWorld.NewId("pi_");
            await world.Billing.Factory.WithDbAsync(async db =>
            {
                db.Payments.Add(new Payment
                {
                    Id = Guid.NewGuid(), OrganizationId = customer.OrganizationId, InvoiceId = invoice.Id, Kind = PaymentKind.Charge, AmountMinor = 2000,
                    Status = PaymentStatus.Pending, Processor = "stripe", ProcessorPaymentId = next, IdempotencyKey = $"invoice:{invoice.Id:N}:attempt:{attempt}", CreatedAt = Now,
                });
                return await db.SaveChangesAsync();
            });
            Assert.Equal("applied", await world.StripeOkAsync(WebhookWorld.StripeEvent("payment_intent.payment_failed", WebhookWorld.Intent(next, 2000, "stolen_card"), Now)));
        }

        var last = await world.InvoiceAsync(invoice.Id);
        Assert.Equal((InvoiceStatus.Open, 5, (DateTimeOffset?)null), (last.Status, last.AttemptCount, last.NextAttemptAt));
        Assert.Equal(SubscriptionStatus.PastDue, (await world.Billing.InForceAsync(customer.OrganizationId)).Status);
    }

    [Fact]
    public async Task A_dashboard_refund_becomes_one_credit_note_and_refunds_already_recorded_are_not_doubled()
    {
        var intent = WebhookWorld.NewId("pi_");
        var (customer, invoice, _) = await world.PaidAsync("stripe", intent);

        var first = WebhookWorld.StripeEvent("charge.refunded", WebhookWorld.Charge(intent, 2000, 500, "re_1"), Now);
        Assert.Equal("applied", await world.StripeOkAsync(first));
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => world.StripeOkAsync(first)));
        // Stripe sends charge.refunded again (another event id) with the same refunded total: nothing new.
        Assert.Equal("ignored", await world.StripeOkAsync(WebhookWorld.StripeEvent("charge.refunded", WebhookWorld.Charge(intent, 2000, 500, "re_1"), Now)));

        var note = Assert.Single(await world.CreditNotesAsync(invoice.Id));
        Assert.Equal((InvoiceKind.CreditNote, 500L, InvoiceStatus.Paid), (note.Kind, note.TotalMinor, note.Status));
        Assert.NotNull(note.Number);
        Assert.Equal(500L, (await world.InvoiceAsync(invoice.Id)).AmountCreditedMinor);
        var refund = Assert.Single(await world.Billing.DbAsync(db => db.Payments.AsNoTracking().Where(p => p.InvoiceId == note.Id).ToListAsync()));
        Assert.Equal((PaymentKind.Refund, PaymentStatus.Succeeded, 500L, "re_1"), (refund.Kind, refund.Status, refund.AmountMinor, refund.ProcessorPaymentId));
        Assert.Single(await world.Billing.NoticesAsync(customer.OrganizationId, "billing.credit_note"));

        // A second refund of 300 more: the charge now shows 800 refunded, so one more note of 300.
        Assert.Equal("applied", await world.StripeOkAsync(WebhookWorld.StripeEvent("charge.refunded", WebhookWorld.Charge(intent, 2000, 800, "re_2"), Now)));
        var notes = await world.CreditNotesAsync(invoice.Id);
        Assert.Equal([300L, 500L], notes.Select(n => n.TotalMinor).Order());
        Assert.Equal(800L, (await world.InvoiceAsync(invoice.Id)).AmountCreditedMinor);
    }

    [Fact]
    public async Task A_refund_that_overtakes_its_payment_waits_and_is_applied_once_the_payment_settles()
    {
        var intent = WebhookWorld.NewId("pi_");
        var (_, invoice, _) = await world.PendingAsync("stripe", intent);

        Assert.Equal("waiting", await world.StripeOkAsync(WebhookWorld.StripeEvent("charge.refunded", WebhookWorld.Charge(intent, 2000, 2000, "re_early"), Now)));
        Assert.Empty(await world.CreditNotesAsync(invoice.Id));

        Assert.Equal("applied", await world.StripeOkAsync(WebhookWorld.StripeEvent("payment_intent.succeeded", WebhookWorld.Intent(intent, 2000), Now)));

        var note = Assert.Single(await world.CreditNotesAsync(invoice.Id));
        Assert.Equal(2000L, note.TotalMinor);
        var waited = await world.Billing.DbAsync(db => db.ProcessorEvents.AsNoTracking().SingleAsync(e => e.ObjectId == intent && e.Type == "charge.refunded"));
        Assert.Equal((WebhookOutcome.Applied, (string?)null), (waited.Outcome, waited.Payload));
        Assert.NotNull(waited.ProcessedAt);
    }

    [Fact]
    public async Task A_dispute_is_recorded_once_closed_as_lost_and_written_off_with_one_credit_note()
    {
        var intent = WebhookWorld.NewId("pi_");
        var (customer, invoice, _) = await world.PaidAsync("stripe", intent);
        var disputeId = WebhookWorld.NewId("dp_");

        var created = WebhookWorld.StripeEvent("charge.dispute.created", WebhookWorld.Dispute(disputeId, intent, 2000, "needs_response"), Now);
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => world.StripeOkAsync(created)));
        Assert.Equal("ignored", await world.StripeOkAsync(WebhookWorld.StripeEvent("charge.dispute.created", WebhookWorld.Dispute(disputeId, intent, 2000, "needs_response"), Now)));

        var dispute = Assert.Single(await Disputes(customer.OrganizationId));
        Assert.Equal((DisputeStatus.Open, 2000L, invoice.Id, "fraudulent"), (dispute.Status, dispute.AmountMinor, dispute.InvoiceId, dispute.Reason));
        Assert.Single(await world.Billing.NoticesAsync(customer.OrganizationId, "billing.dispute_opened"));
        Assert.Contains(await world.Billing.Factory.Get<WebhookActivity>().DisputesAsync(invoice.Id, CancellationToken.None), d => d.ProcessorDisputeId == disputeId);

        var closed = WebhookWorld.StripeEvent("charge.dispute.closed", WebhookWorld.Dispute(disputeId, intent, 2000, "lost"), Now);
        Assert.Equal("applied", await world.StripeOkAsync(closed));
        Assert.Equal("applied", await world.StripeOkAsync(closed)); // repeated: acknowledged with the first outcome

        dispute = Assert.Single(await Disputes(customer.OrganizationId));
        Assert.Equal(DisputeStatus.Lost, dispute.Status);
        var note = Assert.Single(await world.CreditNotesAsync(invoice.Id));
        Assert.Equal((2000L, note.Id), (note.TotalMinor, dispute.CreditNoteId!.Value));
        Assert.Single(await world.Billing.DbAsync(db => db.Payments.AsNoTracking().Where(p => p.InvoiceId == note.Id && p.Kind == PaymentKind.Refund).ToListAsync()));
        Assert.Single(await world.Billing.NoticesAsync(customer.OrganizationId, "billing.dispute_closed"));
        Assert.True(await world.Billing.DbAsync(db => db.AuditEntries.AnyAsync(a => a.OrganizationId == customer.OrganizationId && a.Action == "payment.dispute_closed")));
    }

    [Fact]
    public async Task A_dispute_closed_before_its_creation_arrives_is_recorded_once_and_a_won_one_leaves_the_invoice_paid()
    {
        var intent = WebhookWorld.NewId("pi_");
        var (customer, invoice, _) = await world.PaidAsync("stripe", intent);
        var disputeId = WebhookWorld.NewId("dp_");

        Assert.Equal("applied", await world.StripeOkAsync(WebhookWorld.StripeEvent("charge.dispute.closed", WebhookWorld.Dispute(disputeId, intent, 2000, "won"), Now)));
        Assert.Equal("ignored", await world.StripeOkAsync(WebhookWorld.StripeEvent("charge.dispute.created", WebhookWorld.Dispute(disputeId, intent, 2000, "needs_response"), Now.AddDays(-3))));

        var dispute = Assert.Single(await Disputes(customer.OrganizationId));
        Assert.Equal(DisputeStatus.Won, dispute.Status);
        Assert.Empty(await world.CreditNotesAsync(invoice.Id));
        Assert.Equal(InvoiceStatus.Paid, (await world.InvoiceAsync(invoice.Id)).Status);
    }

    [Fact]
    public async Task A_detached_method_is_removed_and_stops_being_the_default_and_an_updated_card_gets_its_new_expiry()
    {
        var customer = await world.Billing.CustomerAsync();
        await world.Billing.AddCardAsync(customer.Actor, ApexAgent.Tests.TestSupport.BillingHarness.Good, makeDefault: true);
        var methods = await world.Billing.DbAsync(db => db.PaymentMethods.Where(m => m.OrganizationId == customer.OrganizationId).OrderBy(m => m.CreatedAt).ToListAsync());
        var (older, newer) = (methods[0], methods[1]);
        var pmOld = WebhookWorld.NewId("pm_");
        var pmNew = WebhookWorld.NewId("pm_");
        await world.Billing.Factory.WithDbAsync(async db =>
        {
            foreach (var (id, token) in new[] { (older.Id, pmOld), (newer.Id, pmNew) })
            {
                var method = await db.PaymentMethods.SingleAsync(m => m.Id == id);
                (method.Processor, method.ProcessorToken) = ("stripe", token);
            }

            return await db.SaveChangesAsync();
        });

        var card = new { id = pmNew, @object = "payment_method", type = "card", card = new { brand = "visa", last4 = "4242", exp_month = 12, exp_year = 2031 } };
        Assert.Equal("applied", await world.StripeOkAsync(WebhookWorld.StripeEvent("payment_method.detached", card, Now)));
        Assert.Equal("ignored", await world.StripeOkAsync(WebhookWorld.StripeEvent("payment_method.detached", card, Now)));

        var left = await world.Billing.DbAsync(db => db.PaymentMethods.AsNoTracking().Where(m => m.OrganizationId == customer.OrganizationId).ToListAsync());
        Assert.Equal([older.Id], left.Select(m => m.Id));
        var account = await world.Billing.DbAsync(db => db.BillingAccounts.AsNoTracking().SingleAsync(a => a.OrganizationId == customer.OrganizationId));
        Assert.Equal(older.Id, account.DefaultPaymentMethodId);
        Assert.Single(await world.Billing.NoticesAsync(customer.OrganizationId, "billing.payment_method_removed"));
        Assert.True(await world.Billing.DbAsync(db => db.AuditEntries.AnyAsync(a => a.OrganizationId == customer.OrganizationId && a.Action == "payment_method.removed")));

        var updated = new { id = pmOld, @object = "payment_method", type = "card", card = new { brand = "visa", last4 = "1881", exp_month = 3, exp_year = 2033 } };
        Assert.Equal("applied", await world.StripeOkAsync(WebhookWorld.StripeEvent("payment_method.automatically_updated", updated, Now)));
        var method = await world.Billing.DbAsync(db => db.PaymentMethods.AsNoTracking().SingleAsync(m => m.Id == older.Id));
        Assert.Equal(("1881", 3, 2033), (method.Last4, method.ExpMonth, method.ExpYear));

        var expiring = new { id = pmOld, @object = "card", brand = "Visa", last4 = "1881", exp_month = 3, exp_year = 2033 };
        Assert.Equal("applied", await world.StripeOkAsync(WebhookWorld.StripeEvent("customer.source.expiring", expiring, Now)));
        Assert.Single(await world.Billing.NoticesAsync(customer.OrganizationId, "billing.card_expiring"));
    }

    [Fact]
    public async Task Unknown_event_types_and_payments_not_ours_are_acknowledged_and_recorded_as_ignored()
    {
        var unknown = WebhookWorld.StripeEvent("invoice.finalized", new { id = "in_123", @object = "invoice" }, Now, id: WebhookWorld.NewId("evt_"));
        Assert.Equal("ignored", await world.StripeOkAsync(unknown));
        Assert.Equal("ignored", await world.StripeOkAsync(WebhookWorld.StripeEvent("payment_intent.succeeded", WebhookWorld.Intent(WebhookWorld.NewId("pi_"), 100), Now)));

        var row = await world.Billing.DbAsync(db => db.ProcessorEvents.AsNoTracking().SingleAsync(e => e.Type == "invoice.finalized"));
        Assert.Equal((WebhookOutcome.Ignored, "stripe", "in_123"), (row.Outcome, row.Processor, row.ObjectId));
        Assert.NotNull(row.ProcessedAt);
    }

    private Task<List<PaymentDispute>> Disputes(Guid organizationId) =>
        world.Billing.DbAsync(db => db.PaymentDisputes.AsNoTracking().Where(d => d.OrganizationId == organizationId).ToListAsync());
}
