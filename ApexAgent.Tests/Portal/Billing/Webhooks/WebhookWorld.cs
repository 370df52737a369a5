using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Billing.Webhooks;
using ApexAgent.Portal.Integrations.PayPal;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApexAgent.Tests.Portal.Billing.Webhooks;

/// <summary>
/// One billing app per test class with a Stripe webhook secret and a fake PayPal verifier, plus the customers the tests
/// need: a paid Pro subscription whose charge looks like Stripe's or PayPal's, and a renewal whose payment is pending.
/// </summary>
public sealed class WebhookWorld : IAsyncLifetime
{
    public const string Secret = "whsec_test_0123456789abcdef";
    public const string GoodPayPalSignature = "genuine-transmission";

    public WebhookWorld() =>
        Billing = new BillingHarness(new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero),
            services => services.AddSingleton<IPayPalWebhookVerifier>(PayPal),
            new Dictionary<string, string?>
            {
                // Stripe is configured as a whole (ADR 0017); its API is never reached here: the tests' cards are the sandbox's.
                ["Stripe:SecretKey"] = "sk_test_webhooks0123456789",
                ["Stripe:PublishableKey"] = "pk_test_webhooks0123456789",
                ["Stripe:WebhookSecret"] = Secret,
                ["Stripe:ApiBase"] = "http://127.0.0.1:9",
            });

    public BillingHarness Billing { get; }

    public FakePayPalVerifier PayPal { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Client = Billing.Factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Billing.DisposeAsync();

    public static string NewId(string prefix) => prefix + Guid.NewGuid().ToString("N")[..24];

    public static string StripeEvent(string type, object data, DateTimeOffset created, string? id = null) => JsonSerializer.Serialize(new
    {
        id = id ?? NewId("evt_"),
        @object = "event",
        api_version = "2025-09-30.clover",
        created = created.ToUnixTimeSeconds(),
        livemode = false,
        pending_webhooks = 1,
        type,
        data = new { @object = data },
    });

    public static object Intent(string id, long amount, string? declineCode = null, string? key = null) => new
    {
        id,
        @object = "payment_intent",
        amount,
        currency = "usd",
        status = declineCode is null ? "succeeded" : "requires_payment_method",
        latest_charge = "ch_" + id[3..],
        metadata = key is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["idempotency_key"] = key },
        last_payment_error = declineCode is null ? null : new { code = "card_declined", decline_code = declineCode, message = "Your card was declined." },
    };

    public static object Charge(string intentId, long amount, long refunded, string? refundId = null) => new
    {
        id = "ch_" + intentId[3..],
        @object = "charge",
        amount,
        amount_refunded = refunded,
        currency = "usd",
        payment_intent = intentId,
        refunded = refunded >= amount,
        refunds = new { @object = "list", data = refundId is null ? [] : new[] { new { id = refundId, @object = "refund", amount = refunded, status = "succeeded" } } },
    };

    public static object Dispute(string id, string intentId, long amount, string status) => new
    {
        id,
        @object = "dispute",
        amount,
        currency = "usd",
        charge = "ch_" + intentId[3..],
        payment_intent = intentId,
        reason = "fraudulent",
        status,
    };

    public Task<HttpResponseMessage> PostStripeAsync(string json, string? secret = Secret, DateTimeOffset? signedAt = null, string? header = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", header ?? StripeSignature.Sign(Encoding.UTF8.GetBytes(json), secret!, signedAt ?? Billing.Now));
        return Client.SendAsync(request);
    }

    public async Task<string> StripeOkAsync(string json)
    {
        var response = await PostStripeAsync(json);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("outcome").GetString()!;
    }

    public static string PayPalEvent(string type, object resource, string? id = null) => JsonSerializer.Serialize(new
    {
        id = id ?? "WH-" + Guid.NewGuid().ToString("N")[..20].ToUpperInvariant(),
        event_version = "1.0",
        create_time = "2027-03-01T09:00:00Z",
        resource_type = "capture",
        event_type = type,
        summary = type,
        resource,
    });

    public static object Capture(string id, string value, string status = "COMPLETED", string? customId = null) => new
    {
        id,
        status,
        amount = new { currency_code = "USD", value },
        custom_id = customId,
        final_capture = true,
    };

    public Task<HttpResponseMessage> PostPayPalAsync(string json, bool genuine = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/paypal") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("PAYPAL-TRANSMISSION-ID", Guid.NewGuid().ToString());
        request.Headers.TryAddWithoutValidation("PAYPAL-TRANSMISSION-SIG", genuine ? GoodPayPalSignature : "forged");
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return Client.SendAsync(request);
    }

    /// <summary>A customer on Pro whose first invoice was paid by a charge that now carries a processor's id.</summary>
    public async Task<(TestAccount Customer, Invoice Invoice, Payment Charge)> PaidAsync(string processor, string processorPaymentId)
    {
        var customer = await Billing.CustomerAsync();
        await Billing.ChangeAsync(customer.Actor, TierCode.Pro);
        var charge = await Billing.Factory.WithDbAsync(async db =>
        {
            var payment = await db.Payments.SingleAsync(p => p.OrganizationId == customer.OrganizationId && p.Kind == PaymentKind.Charge && p.Status == PaymentStatus.Succeeded);
            (payment.Processor, payment.ProcessorPaymentId) = (processor, processorPaymentId);
            await db.SaveChangesAsync();
            return payment;
        });
        var invoice = (await Billing.InvoicesAsync(customer.OrganizationId)).Single(i => i.Id == charge.InvoiceId);
        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
        return (customer, invoice, charge);
    }

    /// <summary>
    /// An open invoice with a charge pending at <paramref name="processor"/> (as after a timeout, or a processor that
    /// answers later): the first invoice paid, then left open by a failed attempt, then a second attempt begun.
    /// </summary>
    public async Task<(TestAccount Customer, Invoice Invoice, Payment Pending)> PendingAsync(string processor, string processorPaymentId)
    {
        var (customer, paid, _) = await PaidAsync(processor, NewId("pi_"));
        var now = Billing.Now;
        var open = await Billing.Factory.WithDbAsync(async db =>
        {
            // The next period's renewal invoice, open, its charge asked of the processor.
            var subscription = await db.Subscriptions.SingleAsync(s => s.Id == paid.SubscriptionId);
            var period = new BillingPeriod(subscription.CurrentPeriodEnd, subscription.CurrentPeriodEnd.AddMonths(1));
            var invoice = Invoice.Draft(customer.OrganizationId, subscription.Id, InvoicePurpose.Renewal, paid.Currency, period, CollectionMethod.ChargeAutomatically, now, "Pro renewal");
            invoice.AddLine(InvoiceLineKind.Plan, "Pro, monthly", new ApexAgent.Domain.Common.Money(2000, paid.Currency));
            db.Invoices.Add(invoice);
            var account = await BillingBooks.AccountAsync(db, customer.OrganizationId, now, CancellationToken.None);
            await BillingBooks.FinaliseAsync(db, invoice, account, now, 0, CancellationToken.None);
            await db.SaveChangesAsync();
            return invoice;
        });
        var pending = new Payment
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = customer.OrganizationId,
            InvoiceId = open.Id,
            Kind = PaymentKind.Charge,
            AmountMinor = open.TotalMinor,
            CurrencyCode = open.CurrencyCode,
            Status = PaymentStatus.Pending,
            Processor = processor,
            ProcessorPaymentId = processorPaymentId,
            IdempotencyKey = $"invoice:{open.Id:N}:attempt:1",
            MethodDescription = "Visa •••• 4242",
            CreatedAt = now,
        };
        await Billing.Factory.WithDbAsync(async db =>
        {
            db.Payments.Add(pending);
            return await db.SaveChangesAsync();
        });
        return (customer, (await Billing.InvoicesAsync(customer.OrganizationId)).Single(i => i.Id == open.Id), pending);
    }

    public Task<Invoice> InvoiceAsync(Guid id) => Billing.DbAsync(db => db.Invoices.AsNoTracking().Include(i => i.Lines).SingleAsync(i => i.Id == id));

    public Task<Payment> PaymentAsync(Guid id) => Billing.DbAsync(db => db.Payments.AsNoTracking().SingleAsync(p => p.Id == id));

    public Task<List<Invoice>> CreditNotesAsync(Guid invoiceId) =>
        Billing.DbAsync(db => db.Invoices.AsNoTracking().Where(i => i.CorrectsInvoiceId == invoiceId).ToListAsync());

    public Task<int> EventCountAsync() => Billing.DbAsync(db => db.ProcessorEvents.CountAsync());
}

/// <summary>Stands for PayPal's verify-webhook-signature: genuine when the transmission signature is the agreed one.</summary>
public sealed class FakePayPalVerifier : IPayPalWebhookVerifier
{
    public ConcurrentQueue<string> Bodies { get; } = new();

    public Task<bool> VerifyAsync(IReadOnlyDictionary<string, string> headers, string body, CancellationToken ct)
    {
        Bodies.Enqueue(body);
        return Task.FromResult(headers.TryGetValue("paypal-transmission-sig", out var signature) && signature == WebhookWorld.GoodPayPalSignature);
    }
}
