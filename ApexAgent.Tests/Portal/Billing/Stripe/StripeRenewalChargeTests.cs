using ApexAgent.Portal.Features.Billing.Reconciliation;
using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Catalog;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Billing.Payments;
using ApexAgent.Tests.Portal.Billing.Webhooks;
using ApexAgent.Tests.TestSupport;
using ApexAgent.Tests.TestSupport.Fakes;

namespace ApexAgent.Tests.Portal.Billing.Stripe;

/// <summary>
/// Renewals charged off-session through Stripe.net against the fake Stripe: lost answers, declines, authentication,
/// rate limits and outages each get their treatment, and no retry ever charges twice.
/// </summary>
public sealed class StripeRenewalChargeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_renewal_charge_that_times_out_is_retried_with_the_same_key_and_charged_once()
    {
        await using var world = await StripeWorld.StartAsync(timeout: Timeout, networkRetries: 1);
        var customer = await world.CustomerAsync();
        var subscribedAt = world.Now;
        await world.SubscribeAsync(customer.Actor);
        world.Stripe.Delay("POST", "/v1/payment_intents", Timeout + TimeSpan.FromSeconds(1)); // Stripe charges; the answer is lost

        await world.RenewAsync(subscribedAt);

        var renewal = await world.RenewalAsync(customer.OrganizationId);
        var payment = Assert.Single(await world.PaymentsAsync(renewal.Id));
        var sent = world.Stripe.Requests.Where(r => r.Method == "POST" && r.Path == "/v1/payment_intents" && r.Form.GetValueOrDefault("metadata[idempotency_key]") == payment.IdempotencyKey).ToList();
        Assert.Equal(2, sent.Count);
        Assert.All(sent, r => Assert.Equal(payment.IdempotencyKey, r.IdempotencyKey));
        var intent = Assert.Single(world.IntentsFor(payment.IdempotencyKey));
        Assert.Equal(("succeeded", renewal.TotalMinor), ((string?)intent["status"], (long)intent["amount"]!));
        Assert.Single(world.Stripe.All("charge"), c => (string?)c["payment_intent"] == (string?)intent["id"]);
        Assert.Equal((InvoiceStatus.Paid, PaymentStatus.Succeeded, (string?)intent["id"]), (renewal.Status, payment.Status, payment.ProcessorPaymentId));
    }

    [Fact]
    public async Task A_renewal_charge_without_any_answer_stays_pending_and_the_next_run_settles_it_without_charging_again()
    {
        await using var world = await StripeWorld.StartAsync(timeout: Timeout, networkRetries: 0);
        var customer = await world.CustomerAsync();
        var subscribedAt = world.Now;
        await world.SubscribeAsync(customer.Actor);
        world.Stripe.Delay("POST", "/v1/payment_intents", Timeout + TimeSpan.FromSeconds(1));

        await world.RenewAsync(subscribedAt);

        var renewal = await world.RenewalAsync(customer.OrganizationId);
        var pending = Assert.Single(await world.PaymentsAsync(renewal.Id));
        Assert.Equal((InvoiceStatus.Open, PaymentStatus.Pending), (renewal.Status, pending.Status));
        Assert.Single(world.IntentsFor(pending.IdempotencyKey)); // Stripe did charge

        world.Clock.Advance(TimeSpan.FromMinutes(5));
        await world.RunAsync();

        renewal = await world.RenewalAsync(customer.OrganizationId);
        var settled = Assert.Single(await world.PaymentsAsync(renewal.Id));
        Assert.Equal((pending.Id, PaymentStatus.Succeeded, InvoiceStatus.Paid), (settled.Id, settled.Status, renewal.Status));
        Assert.Single(world.IntentsFor(pending.IdempotencyKey));
        // The next run asks Stripe what became of the key (ADR 0020) instead of sending the charge again.
        Assert.Equal(1, world.Stripe.Requests.Count(r => r.Path == "/v1/payment_intents" && r.IdempotencyKey == pending.IdempotencyKey));
    }

    [Fact]
    public async Task A_hard_decline_sends_the_renewal_to_dunning_and_asks_for_another_card()
    {
        await using var world = await StripeWorld.StartAsync();
        var customer = await world.CustomerAsync();
        var subscribedAt = world.Now;
        await world.SubscribeAsync(customer.Actor);
        await world.AddCardAsync(customer.Actor, StripeWorld.Declined);

        await world.RenewAsync(subscribedAt);

        var renewal = await world.RenewalAsync(customer.OrganizationId);
        var payment = Assert.Single(await world.PaymentsAsync(renewal.Id));
        Assert.Equal((PaymentStatus.Failed, "card_declined"), (payment.Status, payment.FailureCode));
        Assert.Equal((InvoiceStatus.Open, 1), (renewal.Status, renewal.AttemptCount));
        Assert.NotNull(renewal.NextAttemptAt);
        var notice = Assert.Single(await world.NoticesAsync(customer.OrganizationId, "billing.payment_failed"));
        Assert.Contains("declined", notice.Body);
        Assert.Contains("Use another card", notice.Body);
        Assert.Equal("requires_payment_method", (string?)Assert.Single(world.IntentsFor(payment.IdempotencyKey))["status"]);
    }

    [Fact]
    public async Task Insufficient_funds_is_retried_on_the_schedule_with_a_new_key_per_attempt()
    {
        await using var world = await StripeWorld.StartAsync();
        var customer = await world.CustomerAsync();
        var subscribedAt = world.Now;
        await world.SubscribeAsync(customer.Actor);
        await world.AddCardAsync(customer.Actor, StripeWorld.InsufficientFunds);

        await world.RenewAsync(subscribedAt);
        var first = await world.RenewalAsync(customer.OrganizationId);
        world.Clock.SetUtcNow(first.NextAttemptAt!.Value.AddMinutes(1));
        await world.RunAsync();

        var renewal = await world.RenewalAsync(customer.OrganizationId);
        var attempts = await world.PaymentsAsync(renewal.Id);
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, p => Assert.Equal((PaymentStatus.Failed, "insufficient_funds"), (p.Status, p.FailureCode)));
        Assert.Equal([$"invoice:{renewal.Id:N}:attempt:1", $"invoice:{renewal.Id:N}:attempt:2"], attempts.Select(p => p.IdempotencyKey));
        Assert.All(attempts, p => Assert.Single(world.IntentsFor(p.IdempotencyKey)));
        Assert.Equal((InvoiceStatus.Open, 2), (renewal.Status, renewal.AttemptCount));
        Assert.Contains("insufficient funds", (await world.NoticesAsync(customer.OrganizationId, "billing.payment_failed"))[0].Body);
    }

    [Fact]
    public async Task An_off_session_renewal_that_needs_authentication_brings_the_customer_back()
    {
        await using var world = await StripeWorld.StartAsync();
        var (customer, renewal) = await RenewalNeedingAuthenticationAsync(world);
        var payment = Assert.Single(await world.PaymentsAsync(renewal.Id));
        Assert.Equal((PaymentStatus.Failed, "authentication_required"), (payment.Status, payment.FailureCode));
        Assert.Equal("true", world.Stripe.Requests.Last(r => r.Path == "/v1/payment_intents").Form["off_session"]);
        var notice = Assert.Single(await world.NoticesAsync(customer.OrganizationId, "billing.payment_failed"));
        Assert.Contains("confirm the payment", notice.Title);
        Assert.Contains("Pay now", notice.Body);
        Assert.Equal(InvoiceStatus.Open, renewal.Status);

        // The customer comes back and pays the invoice while present: Stripe asks for 3-D Secure on-session.
        var payNow = await world.Factory.Get<InvoicePaymentService>().PayNowAsync(customer.Actor, renewal.Id, CancellationToken.None);
        Assert.Equal(PayNowStatus.NeedsAuthentication, payNow.Value.Status);
        var onSession = world.Stripe.Requests.Last(r => r.Path == "/v1/payment_intents");
        Assert.False(onSession.Form.ContainsKey("off_session"));
        Assert.Equal($"invoice:{renewal.Id:N}:attempt:2", onSession.IdempotencyKey);
        var checkouts = world.Factory.Get<CheckoutAuthentication>();
        var waiting = (await checkouts.FindAsync(customer.Actor, payNow.Value.PaymentId, CancellationToken.None)).Value;
        Assert.Equal((renewal.Number, renewal.Id), (waiting.InvoiceNumber, waiting.InvoiceId));
        Assert.Equal("requires_action", (string?)world.Stripe.Get(waiting.ProcessorPaymentId!)["status"]);
        Assert.NotNull(await world.Processor.ClientSecretAsync(waiting.ProcessorPaymentId!, CancellationToken.None));

        world.Stripe.Authenticate(waiting.ProcessorPaymentId!, approve: true);
        Assert.Equal(CheckoutOutcome.Paid, (await checkouts.CompleteAsync(customer.Actor, payNow.Value.PaymentId, CancellationToken.None)).Value);

        var paid = await world.RenewalAsync(customer.OrganizationId);
        Assert.Equal((InvoiceStatus.Paid, 0L), (paid.Status, paid.AmountDue.Minor));
        var attempts = await world.PaymentsAsync(renewal.Id);
        Assert.Equal([PaymentStatus.Failed, PaymentStatus.Succeeded], attempts.Select(p => p.Status));
        Assert.Equal("succeeded", (string?)world.Stripe.Get(attempts[1].ProcessorPaymentId!)["status"]);
        Assert.Single(world.Stripe.All("payment_intent"), i => (string?)i["status"] == "succeeded" && (string?)i["metadata"]?["idempotency_key"] == attempts[1].IdempotencyKey);
        await world.RunAsync(); // nothing left to collect
        Assert.Equal(2, (await world.PaymentsAsync(renewal.Id)).Count);
    }

    [Fact]
    public async Task A_customer_who_confirms_with_the_bank_and_never_comes_back_is_settled_by_stripe_s_webhook_once()
    {
        await using var world = await StripeWorld.StartAsync();
        var (customer, renewal) = await RenewalNeedingAuthenticationAsync(world);
        var payNow = (await world.Factory.Get<InvoicePaymentService>().PayNowAsync(customer.Actor, renewal.Id, CancellationToken.None)).Value;
        var intentId = (await world.PaymentsAsync(renewal.Id)).Single(p => p.Id == payNow.PaymentId).ProcessorPaymentId!;
        world.Stripe.Authenticate(intentId, approve: true); // the browser tab closes before the portal hears back

        var intent = world.Stripe.Get(intentId);
        var json = WebhookWorld.StripeEvent("payment_intent.succeeded", intent, world.Now);
        var client = world.Factory.CreateClient();
        for (var delivery = 0; delivery < 3; delivery++)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.TryAddWithoutValidation("Stripe-Signature", ApexAgent.Portal.Features.Billing.Webhooks.StripeSignature.Sign(System.Text.Encoding.UTF8.GetBytes(json), FakeStripeServer.WebhookSecret, world.Now));
            Assert.Equal(System.Net.HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
        }

        var paid = await world.RenewalAsync(customer.OrganizationId);
        Assert.Equal((InvoiceStatus.Paid, paid.TotalMinor), (paid.Status, paid.AmountPaidMinor));
        var attempts = await world.PaymentsAsync(renewal.Id);
        Assert.Equal((PaymentStatus.Succeeded, intentId), (attempts.Single(p => p.Id == payNow.PaymentId).Status, attempts.Single(p => p.Id == payNow.PaymentId).ProcessorPaymentId));
        Assert.Single(attempts, p => p.Status == PaymentStatus.Succeeded);
        var checkouts = world.Factory.Get<CheckoutAuthentication>();
        Assert.Equal("payment_not_found", (await checkouts.CompleteAsync(customer.Actor, payNow.PaymentId, CancellationToken.None)).Error?.Code); // the late return finds it settled
    }

    [Fact]
    public async Task A_rate_limited_charge_is_asked_again_with_the_same_key_and_a_lasting_limit_is_a_soft_failure()
    {
        await using var world = await StripeWorld.StartAsync();
        var customer = await world.CustomerAsync();
        var subscribedAt = world.Now;
        await world.SubscribeAsync(customer.Actor);
        world.Stripe.Fail("POST", "/v1/payment_intents", 429, times: 1);

        await world.RenewAsync(subscribedAt);

        var renewal = await world.RenewalAsync(customer.OrganizationId);
        var payment = Assert.Single(await world.PaymentsAsync(renewal.Id));
        Assert.Equal((InvoiceStatus.Paid, PaymentStatus.Succeeded), (renewal.Status, payment.Status));
        Assert.Equal([429, 200], world.Stripe.Requests.Where(r => r.IdempotencyKey == payment.IdempotencyKey).Select(r => r.Status));
        Assert.Single(world.IntentsFor(payment.IdempotencyKey));

        // Still limited after our retries: nothing was charged, and the attempt is a soft failure for the schedule.
        world.Stripe.Fail("POST", "/v1/payment_intents", 429, times: 2);
        var outcome = await world.Processor.ChargeAsync(new ChargeRequest("test:rate-limited", await CustomerIdAsync(world, customer.OrganizationId), await MethodAsync(world, customer.OrganizationId),
            renewal.Total, "Rate limited", OffSession: true), CancellationToken.None);
        Assert.Equal((ChargeStatus.Failed, "rate_limited"), (outcome.Status, outcome.FailureCode));
        Assert.Empty(world.IntentsFor("test:rate-limited"));
    }

    [Fact]
    public async Task A_server_error_is_retried_by_stripe_net_and_a_lasting_outage_leaves_the_renewal_to_the_next_run()
    {
        await using var world = await StripeWorld.StartAsync(networkRetries: 1);
        var customer = await world.CustomerAsync();
        var subscribedAt = world.Now;
        await world.SubscribeAsync(customer.Actor);
        world.Stripe.Fail("POST", "/v1/payment_intents", 500, times: 2); // both tries of the renewal

        await world.RenewAsync(subscribedAt);

        var renewal = await world.RenewalAsync(customer.OrganizationId);
        var pending = Assert.Single(await world.PaymentsAsync(renewal.Id));
        Assert.Equal((InvoiceStatus.Open, PaymentStatus.Pending, 0), (renewal.Status, pending.Status, renewal.AttemptCount));
        Assert.Empty(world.IntentsFor(pending.IdempotencyKey));

        // Minutes later Stripe has still never seen the key: the attempt stays pending and nothing is sent again.
        world.Clock.Advance(TimeSpan.FromMinutes(5));
        await world.RunAsync();
        renewal = await world.RenewalAsync(customer.OrganizationId);
        Assert.Equal((InvoiceStatus.Open, PaymentStatus.Pending), (renewal.Status, Assert.Single(await world.PaymentsAsync(renewal.Id)).Status));
        Assert.Equal([500, 500], world.Stripe.Requests.Where(r => r.IdempotencyKey == pending.IdempotencyKey).Select(r => r.Status));

        // After an hour it is closed as never charged, and the next attempt (a new key) goes through a blip Stripe.net retries away.
        world.Stripe.Fail("POST", "/v1/payment_intents", 500, times: 1);
        world.Clock.Advance(PendingPaymentReconciliation.CloseAfter);
        await world.RunAsync();

        renewal = await world.RenewalAsync(customer.OrganizationId);
        var attempts = await world.PaymentsAsync(renewal.Id);
        Assert.Equal([(PaymentStatus.Failed, InvoiceCharger.NotChargedCode), (PaymentStatus.Succeeded, (string?)null)], attempts.Select(p => (p.Status, p.FailureCode)));
        Assert.Equal(InvoiceStatus.Paid, renewal.Status);
        Assert.Empty(world.IntentsFor(pending.IdempotencyKey));
        Assert.Equal([500, 200], world.Stripe.Requests.Where(r => r.IdempotencyKey == attempts[1].IdempotencyKey).Select(r => r.Status));
        Assert.Single(world.IntentsFor(attempts[1].IdempotencyKey));
    }

    private static Task<string> CustomerIdAsync(StripeWorld world, Guid organizationId) =>
        world.DbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.BillingAccounts.Where(a => a.OrganizationId == organizationId).Select(a => a.ProcessorCustomerId!)));

    private static Task<string> MethodAsync(StripeWorld world, Guid organizationId) =>
        world.DbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(db.PaymentMethods.Where(m => m.OrganizationId == organizationId).Select(m => m.ProcessorToken)));

    /// <summary>A Pro customer whose default card, added after subscribing, needs 3-D Secure; the renewal has been attempted off-session.</summary>
    private static async Task<(TestAccount Customer, Invoice Renewal)> RenewalNeedingAuthenticationAsync(StripeWorld world)
    {
        var customer = await world.CustomerAsync();
        var subscribedAt = world.Now;
        await world.SubscribeAsync(customer.Actor);
        await world.AddCardAsync(customer.Actor, StripeWorld.AuthenticationRequired);
        await world.RenewAsync(subscribedAt);
        return (customer, await world.RenewalAsync(customer.OrganizationId));
    }
}
