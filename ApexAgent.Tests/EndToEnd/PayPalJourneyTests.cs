using ApexAgent.Tests.Portal.Credits;
using ApexAgent.Tests.TestSupport;
using ApexAgent.Tests.TestSupport.Fakes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ApexAgent.Tests.EndToEnd;

/// <summary>An owner connects PayPal from the payment-methods page and buys a pack with PayPal (a fake PayPal approves and sends the browser back).</summary>
public sealed class PayPalJourneyTests(PayPalJourneyTests.PayPalBrowser browser) : IClassFixture<PayPalJourneyTests.PayPalBrowser>
{
    [Fact]
    public async Task An_owner_connects_PayPal_and_then_buys_a_pack_with_PayPal()
    {
        var owner = await CreditsTestData.NewAccountWithoutCreditsAsync(browser.Portal);
        var ordersBefore = browser.Fake.Requests.Count(r => r.Path.StartsWith("/v2/checkout/orders", StringComparison.Ordinal) && r.Method == "POST");
        var capturesBefore = browser.Fake.CaptureCount;
        var page = await browser.NewPageAsync();
        await PortalPages.SignInAsync(page, owner.Email, PortalFactory.Password);
        await PortalPages.WaitForInteractiveAsync(page);

        await PortalPages.GotoInteractiveAsync(page, "/billing/payment-methods");
        await Expect(page.Locator("#connect-paypal")).ToBeVisibleAsync();
        await page.Locator("#connect-paypal").ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/billing/paypal/return"));
        await Expect(page.Locator("#paypal-connected")).ToContainTextAsync("PayPal is connected.");
        await Expect(page.Locator("#paypal-connected")).ToContainTextAsync("PayPal •••• jane");
        await BrowserFixture.ScreenshotAsync(page, "paypal-connected");
        await page.Locator("#back-to-methods").ClickAsync();
        await Expect(page.Locator(".payment-method-row")).ToContainTextAsync("PayPal");
        await BrowserFixture.ScreenshotAsync(page, "paypal-payment-methods");

        await PortalPages.GotoInteractiveAsync(page, "/credits/buy");
        var pack = page.Locator(".credit-pack[data-pack='pack-1000']");
        await Expect(pack.Locator(".pay-with-paypal")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "paypal-credits-buy");
        await pack.Locator(".pay-with-paypal").ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/credits/paypal/return"));
        await Expect(page.Locator("#purchase-success")).ToContainTextAsync("1,000 credits added.");
        await Expect(page.Locator("#purchase-success")).ToContainTextAsync("paid with PayPal");
        await BrowserFixture.ScreenshotAsync(page, "paypal-pack-bought");
        await page.SetViewportSizeAsync(390, 844);
        await page.ReloadAsync(); // the page again, laid out for a phone: completing twice answers the first purchase
        await Expect(page.Locator("#purchase-success")).ToContainTextAsync("1,000 credits added.");
        await BrowserFixture.ScreenshotAsync(page, "paypal-pack-bought-mobile");
        Assert.Equal(ordersBefore + 2, browser.Fake.Requests.Count(r => r.Path.StartsWith("/v2/checkout/orders", StringComparison.Ordinal) && r.Method == "POST"));
        Assert.Equal(capturesBefore + 1, browser.Fake.CaptureCount);
    }

    [Fact]
    public async Task Someone_with_no_saved_payment_method_buys_a_pack_with_PayPal_and_it_is_granted_once()
    {
        var owner = await CreditsTestData.NewAccountWithoutCreditsAsync(browser.Portal);
        var capturesBefore = browser.Fake.CaptureCount;
        var page = await browser.NewPageAsync();
        await PortalPages.SignInAsync(page, owner.Email, PortalFactory.Password);
        await PortalPages.WaitForInteractiveAsync(page);

        await PortalPages.GotoInteractiveAsync(page, "/credits/buy");
        await Expect(page.Locator("#paypal-only")).ToContainTextAsync("You have no saved payment method");
        await Expect(page.Locator("#no-payment-method")).ToHaveCountAsync(0);
        await Expect(page.Locator(".buy-pack")).ToHaveCountAsync(0);
        var pack = page.Locator(".credit-pack[data-pack='pack-5000']");
        await Expect(pack.Locator(".pay-with-paypal")).ToContainTextAsync("Pay $45.00 with PayPal");
        await BrowserFixture.ScreenshotAsync(page, "paypal-only-credits-buy");
        await page.SetViewportSizeAsync(390, 844);
        await BrowserFixture.ScreenshotAsync(page, "paypal-only-credits-buy-mobile");
        await page.SetViewportSizeAsync(1366, 900);

        await pack.Locator(".pay-with-paypal").ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/credits/paypal/return\\?approval="));
        await Expect(page.Locator("#purchase-success")).ToContainTextAsync("5,000 credits added.");
        await Expect(page.Locator("#purchase-success")).ToContainTextAsync("paid with PayPal");
        await page.ReloadAsync(); // coming back again answers the first purchase and captures nothing more
        await Expect(page.Locator("#purchase-success")).ToContainTextAsync("5,000 credits added.");
        await BrowserFixture.ScreenshotAsync(page, "paypal-only-pack-bought");

        Assert.Equal(capturesBefore + 1, browser.Fake.CaptureCount);
        var purchases = await browser.Portal.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Payments.Where(p => p.OrganizationId == owner.OrganizationId)));
        var payment = Assert.Single(purchases);
        Assert.Equal(("paypal", "PayPal", 45_00L), (payment.Processor, payment.MethodDescription, payment.AmountMinor));
        var available = await browser.Portal.WithDbAsync(async db => (await ApexAgent.Portal.Features.Credits.CreditBalances.ReadAsync(db, owner.OrganizationId, DateTimeOffset.UtcNow, CancellationToken.None)).Available);
        Assert.Equal(ApexAgent.Domain.Common.Millicredits.FromCredits(5_000), available);
    }

    /// <summary>A browser and a portal served by Kestrel with PayPal pointed at a fake.</summary>
    public sealed class PayPalBrowser : IAsyncLifetime
    {
        private IPlaywright? playwright;
        private IBrowser? chromium;

        public PayPalBrowser()
        {
            Fake = new FakePayPalServer();
            Portal = new PortalFactory(kestrel: true, settings: Fake.Settings());
        }

        public FakePayPalServer Fake { get; }

        public PortalFactory Portal { get; }

        public async Task InitializeAsync()
        {
            _ = Portal.RootUrl;
            Directory.CreateDirectory(BrowserFixture.ScreenshotFolder);
            playwright = await Playwright.CreateAsync();
            chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Environment.GetEnvironmentVariable("APEXAGENT_CHROMIUM") ?? "/usr/bin/chromium",
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            });
        }

        public async Task<IPage> NewPageAsync()
        {
            var context = await chromium!.NewContextAsync(new BrowserNewContextOptions { BaseURL = Portal.RootUrl, ViewportSize = new ViewportSize { Width = 1366, Height = 900 }, Locale = "en-US", TimezoneId = "UTC" });
            context.SetDefaultTimeout(15_000);
            return await context.NewPageAsync();
        }

        public async Task DisposeAsync()
        {
            if (chromium is not null)
            {
                await chromium.CloseAsync();
            }

            playwright?.Dispose();
            await Portal.DisposeAsync();
            await Fake.DisposeAsync();
        }
    }
}
