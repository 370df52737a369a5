using ApexAgent.Tests.TestSupport;
using ApexAgent.Tests.TestSupport.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ApexAgent.Tests.EndToEnd;

/// <summary>
/// Adding a card with Stripe configured: the page loads Stripe.js (a fake served by the test), the card goes to the
/// fake Stripe from the browser, and the portal saves the SetupIntent it confirmed — never the number.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StripeCardJourneyTests(BrowserFixture browser) : IAsyncLifetime
{
    private FakeStripeServer stripe = null!;
    private PortalFactory portal = null!;

    public async Task InitializeAsync()
    {
        stripe = await FakeStripeServer.StartAsync();
        var settings = stripe.PortalSettings();
        settings["Billing:ScheduleRuns"] = "false";
        portal = new PortalFactory(kestrel: true, settings: settings);
    }

    public async Task DisposeAsync()
    {
        await portal.DisposeAsync();
        await stripe.DisposeAsync();
    }

    [Theory]
    [InlineData(1366, "desktop")]
    [InlineData(390, "phone")]
    public async Task An_owner_adds_a_card_through_stripes_card_field(int width, string name)
    {
        var owner = await portal.CreateAccountAsync();
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = portal.RootUrl, ViewportSize = new ViewportSize { Width = width, Height = 900 }, Locale = "en-US", TimezoneId = "UTC" });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var stripeJsLoads = 0;
        await page.RouteAsync(FakeStripeJs.Url, async route =>
        {
            Interlocked.Increment(ref stripeJsLoads);
            await route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "application/javascript", Body = FakeStripeJs.Script });
        });
        await page.RouteAsync("https://api.stripe.com/**", async route =>
        {
            var response = await route.FetchAsync(new RouteFetchOptions { Url = stripe.BaseUrl + new Uri(route.Request.Url).PathAndQuery });
            await route.FulfillAsync(new RouteFulfillOptions { Response = response });
        });
        await PortalPages.SignInAsync(page, owner.Email, PortalFactory.Password);

        await PortalPages.GotoInteractiveAsync(page, "/billing/payment-methods");
        await page.Locator("#open-add-card").ClickAsync();
        await Expect(page.Locator("#card-form[data-processor='stripe']")).ToBeVisibleAsync();
        await page.Locator("#fake-stripe-card").FillAsync("4242 4242 4242 4242");
        await BrowserFixture.ScreenshotAsync(page, $"stripe-card-form-{name}");
        await page.Locator("#add-card").ClickAsync();

        await Expect(page.Locator(".payment-method-row[data-last4='4242']")).ToContainTextAsync("Visa");
        await BrowserFixture.ScreenshotAsync(page, $"stripe-card-added-{name}");
        Assert.Equal(1, stripeJsLoads);
        var confirm = Assert.Single(stripe.Requests, r => r.Path.EndsWith("/confirm", StringComparison.Ordinal));
        Assert.Equal("4242424242424242", confirm.Form["payment_method_data[card][number]"]); // from the browser to Stripe
        var saved = await portal.WithDbAsync(db => db.PaymentMethods.AsNoTracking().SingleAsync(m => m.OrganizationId == owner.OrganizationId));
        Assert.Equal(("stripe", "4242"), (saved.Processor, saved.Last4));
        Assert.Equal(saved.ProcessorToken, (string?)stripe.Get(confirm.Path.Split('/')[3])["payment_method"]);
        Assert.DoesNotContain(stripe.Requests, r => r.Form.Values.Any(v => v.Contains("4242424242424242", StringComparison.Ordinal)) && r != confirm);
        await context.CloseAsync();
    }

    [Fact]
    public async Task An_owner_whose_bank_asks_for_3d_secure_confirms_it_through_stripe_and_the_subscription_starts()
    {
        var owner = await portal.CreateAccountAsync();
        var setup = (await portal.Get<ApexAgent.Portal.Integrations.Stripe.StripeCardSetups>().StartAsync(owner.Actor, CancellationToken.None)).Value;
        stripe.ConfirmSetupIntent(setup.SetupIntentId, "4000002760003184");
        Assert.True((await portal.Get<ApexAgent.Portal.Features.Billing.Payments.PaymentMethodService>().AddAsync(owner.Actor, setup.SetupIntentId, true, CancellationToken.None)).IsSuccess);
        var waiting = await portal.Get<ApexAgent.Portal.Features.Billing.PlanChangeService>().ConfirmAsync(owner.Actor,
            new ApexAgent.Portal.Features.Billing.PlanChangeRequest(ApexAgent.Domain.Catalog.TierCode.Pro, ApexAgent.Domain.Subscriptions.BillingCycle.Monthly, 1, false), CancellationToken.None);
        var paymentId = waiting.Value.AuthenticationPaymentId!.Value;
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = portal.RootUrl, ViewportSize = new ViewportSize { Width = 1366, Height = 900 }, Locale = "en-US", TimezoneId = "UTC" });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.RouteAsync(FakeStripeJs.Url, route => route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "application/javascript", Body = FakeStripeJs.Script }));
        await page.RouteAsync("https://api.stripe.com/**", async route =>
            await route.FulfillAsync(new RouteFulfillOptions { Response = await route.FetchAsync(new RouteFetchOptions { Url = stripe.BaseUrl + new Uri(route.Request.Url).PathAndQuery }) }));
        await PortalPages.SignInAsync(page, owner.Email, PortalFactory.Password);

        await PortalPages.GotoInteractiveAsync(page, $"/billing/authenticate/{paymentId}");
        await Expect(page.Locator("#challenge-amount")).ToHaveTextAsync("$20.00");
        await BrowserFixture.ScreenshotAsync(page, "stripe-authenticate");
        await page.Locator("#authenticate-payment").ClickAsync();

        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("your subscription has started");
        Assert.Single(stripe.Requests, r => r.Path.StartsWith("/v1/payment_intents/", StringComparison.Ordinal) && r.Path.EndsWith("/confirm", StringComparison.Ordinal));
        Assert.Equal("succeeded", (string?)Assert.Single(stripe.All("payment_intent"))["status"]);
        await context.CloseAsync();
    }
}
