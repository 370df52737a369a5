using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Billing.Payments;
using ApexAgent.Portal.Integrations.Stripe;
using ApexAgent.Tests.TestSupport;
using ApexAgent.Tests.TestSupport.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace ApexAgent.Tests.Portal.Billing.Stripe;

/// <summary>
/// The real portal with Stripe configured against <see cref="FakeStripeServer"/>, on a fake clock with the background
/// billing run switched off: cards are saved through SetupIntents and every charge goes through Stripe.net.
/// </summary>
public sealed class StripeWorld : IAsyncDisposable
{
    public const string Visa = "4242424242424242";
    public const string Declined = "4000000000000002";
    public const string InsufficientFunds = "4000000000009995";
    public const string AuthenticationRequired = "4000002760003184";

    private StripeWorld(FakeStripeServer stripe, DateTimeOffset start, TimeSpan? timeout, int networkRetries)
    {
        Stripe = stripe;
        Clock = new FakeTimeProvider(start);
        stripe.Now = Clock.GetUtcNow;
        var settings = stripe.PortalSettings(timeout, networkRetries);
        settings["Billing:ScheduleRuns"] = "false";
        Factory = new PortalFactory(clock: Clock, settings: settings);
    }

    public FakeStripeServer Stripe { get; }

    public FakeTimeProvider Clock { get; }

    public PortalFactory Factory { get; }

    public DateTimeOffset Now => Clock.GetUtcNow();

    public StripePaymentProcessor Processor => Factory.Get<StripePaymentProcessor>();

    public static async Task<StripeWorld> StartAsync(DateTimeOffset? start = null, TimeSpan? timeout = null, int networkRetries = 1) =>
        new(await FakeStripeServer.StartAsync(), start ?? new DateTimeOffset(2027, 3, 10, 9, 0, 0, TimeSpan.Zero), timeout, networkRetries);

    /// <summary>A new organisation with a card saved as Stripe.js would save it (the default).</summary>
    public async Task<TestAccount> CustomerAsync(string card = Visa)
    {
        var account = await Factory.CreateAccountAsync();
        await AddCardAsync(account.Actor, card);
        return account;
    }

    /// <summary>Starts a SetupIntent, confirms it at the fake Stripe with the card, and saves its id as the portal's card form does.</summary>
    public async Task<PaymentMethodView> AddCardAsync(Actor actor, string card, bool makeDefault = true)
    {
        var setup = await Factory.Get<StripeCardSetups>().StartAsync(actor, CancellationToken.None);
        Assert.True(setup.IsSuccess, setup.Error?.Message);
        Stripe.ConfirmSetupIntent(setup.Value.SetupIntentId, card);
        var added = await Factory.Get<PaymentMethodService>().AddAsync(actor, setup.Value.SetupIntentId, makeDefault, CancellationToken.None);
        Assert.True(added.IsSuccess, added.Error?.Message);
        return added.Value;
    }

    public async Task<PlanChangeResult> SubscribeAsync(Actor actor, TierCode tier = TierCode.Pro)
    {
        var result = await Factory.Get<PlanChangeService>().ConfirmAsync(actor, new PlanChangeRequest(tier, BillingCycle.Monthly, 1, false), CancellationToken.None);
        Assert.True(result.IsSuccess, $"{result.Error?.Code} {result.Error?.Message}");
        return result.Value;
    }

    public Task RunAsync() => Factory.Get<BillingRun>().RunAsync(CancellationToken.None);

    /// <summary>Moves to the first renewal of a monthly plan started now and runs billing.</summary>
    public async Task RenewAsync(DateTimeOffset subscribedAt)
    {
        Clock.SetUtcNow(subscribedAt.AddMonths(1).AddMinutes(1));
        await RunAsync();
    }

    public Task<T> DbAsync<T>(Func<ApexAgent.Portal.Data.PortalDbContext, Task<T>> read) => Factory.WithDbAsync(read);

    public Task<Invoice> RenewalAsync(Guid organizationId) =>
        DbAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.OrganizationId == organizationId && i.Purpose == InvoicePurpose.Renewal));

    public Task<List<Payment>> PaymentsAsync(Guid invoiceId) =>
        DbAsync(db => db.Payments.AsNoTracking().Where(p => p.InvoiceId == invoiceId).OrderBy(p => p.CreatedAt).ToListAsync());

    public Task<List<Invoice>> InvoicesAsync(Guid organizationId) =>
        DbAsync(db => db.Invoices.AsNoTracking().Where(i => i.OrganizationId == organizationId).OrderBy(i => i.CreatedAt).ToListAsync());

    public Task<List<(string Title, string Body)>> NoticesAsync(Guid organizationId, string kind) =>
        DbAsync(async db => (await db.Notifications.AsNoTracking().Where(n => n.OrganizationId == organizationId && n.Kind == kind).OrderBy(n => n.CreatedAt).ToListAsync())
            .Select(n => (n.Title, n.Body)).ToList());

    /// <summary>The PaymentIntents the fake Stripe holds for one idempotency key.</summary>
    public List<System.Text.Json.Nodes.JsonObject> IntentsFor(string key) =>
        Stripe.All("payment_intent").Where(p => (string?)p["metadata"]?["idempotency_key"] == key).ToList();

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Stripe.DisposeAsync();
    }
}
