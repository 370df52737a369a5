using System.Net;
using System.Text.Json;
using ApexAgent.Domain.Billing;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Billing.Webhooks;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Tests.Portal.Billing.Webhooks;

/// <summary>PayPal deliveries, verified through <see cref="ApexAgent.Portal.Integrations.PayPal.IPayPalWebhookVerifier"/> (a fake here).</summary>
public sealed class PayPalWebhookTests(WebhookWorld world) : IClassFixture<WebhookWorld>
{
    [Fact]
    public async Task An_unverified_capture_is_refused_and_a_verified_one_pays_the_invoice_once()
    {
        var capture = "CAP" + Guid.NewGuid().ToString("N")[..14].ToUpperInvariant();
        var (_, invoice, pending) = await world.PendingAsync("paypal", capture);
        var json = WebhookWorld.PayPalEvent("PAYMENT.CAPTURE.COMPLETED", WebhookWorld.Capture(capture, "20.00", customId: pending.IdempotencyKey));
        var events = await world.EventCountAsync();

        var forged = await world.PostPayPalAsync(json, genuine: false);
        await ProblemAssert.IsProblemAsync(forged, HttpStatusCode.BadRequest, "invalid_signature");
        Assert.Equal(events, await world.EventCountAsync());
        Assert.Equal(InvoiceStatus.Open, (await world.InvoiceAsync(invoice.Id)).Status);
        Assert.Contains(json, world.PayPal.Bodies); // the verifier saw the body exactly as sent

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ => await OutcomeAsync(await world.PostPayPalAsync(json))));
        Assert.Contains("applied", outcomes);
        Assert.Equal((InvoiceStatus.Paid, 2000L), ((await world.InvoiceAsync(invoice.Id)).Status, (await world.InvoiceAsync(invoice.Id)).AmountPaidMinor));
        Assert.Equal(PaymentStatus.Succeeded, (await world.PaymentAsync(pending.Id)).Status);
        Assert.Equal(events + 1, await world.EventCountAsync());
    }

    [Fact]
    public async Task A_denied_capture_fails_the_payment_and_starts_dunning()
    {
        var capture = "CAP" + Guid.NewGuid().ToString("N")[..14].ToUpperInvariant();
        var (customer, invoice, pending) = await world.PendingAsync("paypal", capture);

        var response = await world.PostPayPalAsync(WebhookWorld.PayPalEvent("PAYMENT.CAPTURE.DENIED", WebhookWorld.Capture(capture, "20.00", "DECLINED")));

        Assert.Equal("applied", await OutcomeAsync(response));
        Assert.Equal((PaymentStatus.Failed, "capture_denied"), ((await world.PaymentAsync(pending.Id)).Status, (await world.PaymentAsync(pending.Id)).FailureCode));
        Assert.Equal(1, (await world.InvoiceAsync(invoice.Id)).AttemptCount);
        Assert.Single(await world.Billing.NoticesAsync(customer.OrganizationId, "billing.payment_failed"));
    }

    [Fact]
    public async Task A_refund_made_at_PayPal_becomes_one_credit_note()
    {
        var capture = "CAP" + Guid.NewGuid().ToString("N")[..14].ToUpperInvariant();
        var (_, invoice, _) = await world.PaidAsync("paypal", capture);
        var refund = new
        {
            id = "REF" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant(),
            status = "COMPLETED",
            amount = new { currency_code = "USD", value = "7.50" },
            links = new[] { new { rel = "self", href = "https://api.paypal.com/v2/payments/refunds/x" }, new { rel = "up", href = $"https://api.paypal.com/v2/payments/captures/{capture}" } },
        };
        var json = WebhookWorld.PayPalEvent("PAYMENT.CAPTURE.REFUNDED", refund);

        Assert.Equal("applied", await OutcomeAsync(await world.PostPayPalAsync(json)));
        Assert.Equal("ignored", await OutcomeAsync(await world.PostPayPalAsync(WebhookWorld.PayPalEvent("PAYMENT.CAPTURE.REFUNDED", refund)))); // same refund, new event id

        var note = Assert.Single(await world.CreditNotesAsync(invoice.Id));
        Assert.Equal(750L, note.TotalMinor);
    }

    [Fact]
    public async Task A_deleted_vault_token_removes_the_saved_PayPal_method()
    {
        var customer = await world.Billing.CustomerAsync();
        var token = "VT" + Guid.NewGuid().ToString("N")[..10];
        var methodId = await world.Billing.Factory.WithDbAsync(async db =>
        {
            var method = await db.PaymentMethods.SingleAsync(m => m.OrganizationId == customer.OrganizationId);
            (method.Processor, method.ProcessorToken, method.Type, method.Brand) = ("paypal", token, "paypal", "PayPal");
            await db.SaveChangesAsync();
            return method.Id;
        });

        var response = await world.PostPayPalAsync(WebhookWorld.PayPalEvent("VAULT.PAYMENT-TOKEN.DELETED", new { id = token, customer = new { id = "C1" } }));

        Assert.Equal("applied", await OutcomeAsync(response));
        Assert.False(await world.Billing.DbAsync(db => db.PaymentMethods.AnyAsync(m => m.Id == methodId)));
        Assert.Null((await world.Billing.DbAsync(db => db.BillingAccounts.AsNoTracking().SingleAsync(a => a.OrganizationId == customer.OrganizationId))).DefaultPaymentMethodId);
    }

    [Fact]
    public async Task A_PayPal_dispute_is_recorded_and_resolved_for_the_seller()
    {
        var capture = "CAP" + Guid.NewGuid().ToString("N")[..14].ToUpperInvariant();
        var (customer, invoice, _) = await world.PaidAsync("paypal", capture);
        var dispute = new
        {
            dispute_id = "PP-D-" + Guid.NewGuid().ToString("N")[..8],
            reason = "MERCHANDISE_OR_SERVICE_NOT_RECEIVED",
            status = "OPEN",
            dispute_amount = new { currency_code = "USD", value = "20.00" },
            disputed_transactions = new[] { new { seller_transaction_id = capture } },
            dispute_outcome = new { outcome_code = "RESOLVED_SELLER_FAVOUR" },
        };

        Assert.Equal("applied", await OutcomeAsync(await world.PostPayPalAsync(WebhookWorld.PayPalEvent("CUSTOMER.DISPUTE.CREATED", dispute))));
        Assert.Equal("applied", await OutcomeAsync(await world.PostPayPalAsync(WebhookWorld.PayPalEvent("CUSTOMER.DISPUTE.RESOLVED", dispute))));

        var recorded = await world.Billing.DbAsync(db => db.PaymentDisputes.AsNoTracking().SingleAsync(d => d.OrganizationId == customer.OrganizationId));
        Assert.Equal((DisputeStatus.Won, invoice.Id), (recorded.Status, recorded.InvoiceId));
        Assert.Empty(await world.CreditNotesAsync(invoice.Id));
    }

    [Theory]
    [InlineData("<xml/>")]
    [InlineData("{\"id\":\"WH-1\",\"event_type\":\"PAYMENT.CAPTURE.COMPLETED\"}")]
    [InlineData("{\"id\":\"WH-2\",\"event_type\":\"PAYMENT.CAPTURE.REFUNDED\",\"resource\":{\"id\":\"R1\",\"amount\":{\"currency_code\":\"USD\",\"value\":\"abc\"}}}")]
    [InlineData("{\"id\":\"WH-3\",\"event_type\":\"CUSTOMER.DISPUTE.CREATED\",\"resource\":{\"dispute_id\":\"D1\"}}")]
    public async Task Verified_bodies_that_are_not_events_are_refused_with_400(string body)
    {
        var response = await world.PostPayPalAsync(body);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid_event");
    }

    [Fact]
    public async Task Unknown_PayPal_event_types_are_acknowledged_and_ignored()
    {
        var response = await world.PostPayPalAsync(WebhookWorld.PayPalEvent("BILLING.SUBSCRIPTION.CREATED", new { id = "I-123" }));
        Assert.Equal("ignored", await OutcomeAsync(response));
        Assert.Equal(WebhookOutcome.Ignored, (await world.Billing.DbAsync(db => db.ProcessorEvents.AsNoTracking().SingleAsync(e => e.Type == "BILLING.SUBSCRIPTION.CREATED"))).Outcome);
    }

    private static async Task<string> OutcomeAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("outcome").GetString()!;
    }
}
