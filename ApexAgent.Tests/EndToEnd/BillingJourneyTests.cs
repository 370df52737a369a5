using System.Text.RegularExpressions;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Billing.Payments;
using ApexAgent.Portal.Features.Demo;
using ApexAgent.Portal.Integrations.Sandbox;
using ApexAgent.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ApexAgent.Tests.EndToEnd;

/// <summary>
/// Billing as an owner clicks through it: a card, a first paid plan, an upgrade with its preview, the invoice and the
/// archive, a declined card that changes nothing; and, for ApexAgent staff, the revenue charts and the test clock.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BillingJourneyTests(BrowserFixture browser)
{
    private const string GoodCard = "4242 4242 4242 4242";
    private const string DeclinedCard = "4000 0000 0000 0002";
    private static readonly Regex InvoiceNumber = new(@"APX-\d{4}-\d{6}");

    [Fact]
    public async Task An_owner_adds_a_card_subscribes_to_Pro_monthly_and_sees_the_paid_invoice()
    {
        var owner = await browser.Portal.CreateAccountAsync();
        var page = await SignInAsync(owner.Email, PortalFactory.Password);

        await PortalPages.GotoInteractiveAsync(page, "/billing/payment-methods");
        await Expect(page.GetByText("No payment methods yet")).ToBeVisibleAsync();
        await page.Locator("#open-add-card").ClickAsync();
        await FillCardAsync(page, GoodCard);
        await page.Locator("#add-card").ClickAsync();
        var row = page.Locator(".payment-method-row[data-last4='4242']");
        await Expect(row).ToContainTextAsync("Default");
        await Expect(row).ToContainTextAsync("•••• 4242");
        await Expect(page.Locator("#card-number")).ToHaveCountAsync(0);
        await page.Locator("#open-add-card").ClickAsync();
        await Expect(page.Locator("#card-number")).ToHaveValueAsync("");
        await BrowserFixture.ScreenshotAsync(page, "payment-methods");
        await page.Locator("#open-add-card").ClickAsync();

        await PortalPages.GotoInteractiveAsync(page, "/billing");
        await Expect(page.Locator("#current-plan")).ToHaveTextAsync("Free (monthly)");
        await page.Locator("#change-plan").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.Locator("[data-tier='Pro']")).ToHaveAttributeAsync("aria-checked", "true");
        await Expect(dialog.Locator("#preview-target")).ToHaveTextAsync("Pro (monthly)");
        await Expect(dialog.Locator(".preview-line")).ToHaveCountAsync(1);
        await Expect(dialog.Locator("#preview-charged")).ToHaveTextAsync("$20.00");
        await Expect(dialog.Locator("#confirm-plan-change")).ToHaveTextAsync("Pay $20.00 and switch");
        await dialog.Locator("#confirm-plan-change").ClickAsync();

        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("You are now on Pro (monthly). Invoice APX-");
        await Expect(page.Locator("#current-plan")).ToHaveTextAsync("Pro (monthly)");
        await Expect(page.Locator("#subscription-status")).ToHaveTextAsync("Active");
        await Expect(page.Locator("#next-renewal")).ToContainTextAsync("$20.00");
        await Expect(page.Locator(".timeline-row").First).ToContainTextAsync("Subscribed");

        // The bell counts the unread notice and lists it; marking all read clears the count.
        await page.ReloadAsync();
        await PortalPages.WaitForInteractiveAsync(page);
        await Expect(page.Locator("#notification-bell")).ToHaveAttributeAsync("aria-label", "Notifications, 1 unread");
        await page.Locator("#notification-bell").ClickAsync();
        await Expect(page.Locator(".notification-item").First).ToContainTextAsync("Welcome to Pro");
        await page.Locator("#mark-all-read").ClickAsync();
        await Expect(page.Locator("#notification-bell")).ToHaveAttributeAsync("aria-label", "Notifications, 0 unread");
        await page.Keyboard.PressAsync("Escape");

        await PortalPages.GotoInteractiveAsync(page, "/billing/invoices");
        var invoices = page.Locator("#invoices-table tbody tr.invoice-row");
        await Expect(invoices).ToHaveCountAsync(1);
        await Expect(invoices.First).ToContainTextAsync("Paid");
        await Expect(invoices.First).ToContainTextAsync("$20.00");
    }

    [Fact]
    public async Task An_owner_upgrades_to_Team_after_a_preview_and_finds_the_invoice_in_the_archive()
    {
        var owner = await browser.Portal.CreateAccountAsync();
        await SubscribeAsync(browser.Portal, owner, GoodCard, TierCode.Pro);
        var page = await SignInAsync(owner.Email, PortalFactory.Password);

        await PortalPages.GotoInteractiveAsync(page, "/billing");
        await Expect(page.Locator("#current-plan")).ToHaveTextAsync("Pro (monthly)");
        await page.Locator("#change-plan").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.Locator("[data-tier='Team']").ClickAsync();
        await Expect(dialog.Locator("#preview-target")).ToHaveTextAsync("Team (monthly, 2 seats)");
        var lines = dialog.Locator(".preview-line");
        await Expect(lines).ToHaveCountAsync(2);
        await Expect(lines.Nth(0)).ToContainTextAsync("Unused time on Pro (monthly)");
        await Expect(lines.Nth(0)).ToContainTextAsync("-$20.00");
        await Expect(lines.Nth(1)).ToContainTextAsync("Remaining time on Team (monthly, 2 seats)");
        await Expect(lines.Nth(1)).ToContainTextAsync("$80.00");
        await Expect(dialog.Locator("#preview-charged")).ToHaveTextAsync("$60.00");
        await Expect(dialog.Locator("#preview-effective")).ToHaveTextAsync("Now");
        await Expect(dialog.Locator("#preview-credits")).ToContainTextAsync("granted");
        await Expect(dialog.Locator("#confirm-plan-change")).ToBeEnabledAsync();
        await page.WaitForTimeoutAsync(400); // the dialog fades in
        await BrowserFixture.ScreenshotAsync(page, "change-plan");
        await dialog.Locator("#confirm-plan-change").ClickAsync();

        var snackbar = page.Locator(".mud-snackbar");
        await Expect(snackbar).ToContainTextAsync("You are now on Team (monthly, 2 seats). Invoice APX-");
        var number = InvoiceNumber.Match(await snackbar.InnerTextAsync()).Value;
        await Expect(page.Locator("#current-plan")).ToHaveTextAsync("Team (monthly, 2 seats)");
        await Expect(page.Locator(".timeline-row").First).ToContainTextAsync("Upgraded");
        await Expect(page.Locator(".timeline-row").First).ToContainTextAsync("$60.00");
        await BrowserFixture.ScreenshotAsync(page, "billing");

        await PortalPages.GotoInteractiveAsync(page, "/billing/invoices");
        await Expect(page.Locator("tr.invoice-row")).ToHaveCountAsync(2);
        await page.Locator("#filter-number").FillAsync(number);
        await Expect(page).ToHaveURLAsync(new Regex("number=" + number));
        await Expect(page.Locator("tr.invoice-row")).ToHaveCountAsync(1);
        await Expect(page.Locator("#export-invoices")).ToHaveAttributeAsync("href", new Regex(@"/billing/invoices\.csv\?number=" + number));
        await BrowserFixture.ScreenshotAsync(page, "invoices");

        await page.Locator("tr.invoice-row").GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await Expect(page.Locator("#invoice-number")).ToHaveTextAsync(number);
        await Expect(page.Locator("#invoice-status")).ToHaveTextAsync("Paid");
        await Expect(page.Locator(".invoice-line")).ToHaveCountAsync(2);
        await Expect(page.Locator("#invoice-total")).ToHaveTextAsync("$60.00");
        await Expect(page.Locator("#invoice-payments")).ToContainTextAsync("Succeeded");
        await Expect(page.Locator("#download-pdf")).ToHaveAttributeAsync("href", new Regex("^/billing/invoices/[0-9a-f-]{36}/pdf$"));
        await BrowserFixture.ScreenshotAsync(page, "invoice");

        var csv = await page.Context.APIRequest.GetAsync("/billing/invoices.csv?number=" + number);
        Assert.Equal(200, csv.Status);
        var text = await csv.TextAsync();
        Assert.Equal(2, text.Trim().Split('\n').Length);
        Assert.Contains(number, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_declined_card_shows_a_clear_message_and_leaves_the_plan_and_the_archive_as_they_were()
    {
        var owner = await browser.Portal.CreateAccountAsync();
        await SubscribeAsync(browser.Portal, owner, DeclinedCard, TierCode.Free);
        var page = await SignInAsync(owner.Email, PortalFactory.Password);

        await PortalPages.GotoInteractiveAsync(page, "/billing");
        await Expect(page.Locator("#default-payment-method")).ToHaveTextAsync("Visa •••• 0002");
        await page.Locator("#change-plan").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.Locator("#confirm-plan-change")).ToHaveTextAsync("Pay $20.00 and switch");
        await dialog.Locator("#confirm-plan-change").ClickAsync();

        await Expect(dialog.Locator("#change-plan-error")).ToHaveTextAsync("The card was declined. Use another card. Your plan has not changed.");
        await Expect(dialog.Locator("[data-tier='Pro']")).ToHaveAttributeAsync("aria-checked", "true");
        await dialog.Locator("#change-plan-cancel").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.Locator("#current-plan")).ToHaveTextAsync("Free (monthly)");
        await Expect(page.Locator("#amount-due")).ToHaveTextAsync("$0.00");

        await PortalPages.GotoInteractiveAsync(page, "/billing/invoices");
        await Expect(page.GetByText("No invoices yet")).ToBeVisibleAsync();
        await PortalPages.GotoInteractiveAsync(page, "/billing/payments");
        await Expect(page.Locator("tr.payment-row")).ToHaveCountAsync(1);
        await Expect(page.Locator("tr.payment-row")).ToContainTextAsync("Failed");
        await Expect(page.Locator("tr.payment-row")).ToContainTextAsync("Not issued");
    }

    [Fact]
    public async Task The_platform_admin_sees_revenue_charts()
    {
        await SubscribeAsync(browser.Portal, await browser.Portal.CreateAccountAsync(), GoodCard, TierCode.Pro);
        var page = await SignInAsync(DemoAccount.PlatformAdmin.Email, new DemoOptions().Password);

        await page.Locator(".mud-navmenu").GetByRole(AriaRole.Link, new() { Name = "Revenue" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/revenue$"));
        await Expect(page.Locator("#stat-mrr")).Not.ToHaveTextAsync("$0.00");
        await Expect(page.Locator("#stat-paying")).Not.ToHaveTextAsync("0");
        await Expect(page.Locator("#chart-tiers svg").First).ToBeVisibleAsync();
        await Expect(page.Locator("#chart-tiers")).ToContainTextAsync("Pro");
        await Expect(page.Locator("#chart-mrr svg").First).ToBeVisibleAsync();
        await Expect(page.Locator("#chart-movements svg").First).ToBeVisibleAsync();
        await Expect(page.Locator("#chart-movements")).ToContainTextAsync("Upgrades");
        await BrowserFixture.ScreenshotAsync(page, "revenue");
    }

    [Fact]
    public async Task The_test_clock_advances_a_month_and_renews_a_subscription()
    {
        // Its own portal: moving the clock would move it under the other journeys too.
        await using var portal = new PortalFactory(kestrel: true, settings: new Dictionary<string, string?> { ["Demo:Seed"] = "true" });
        await SubscribeAsync(portal, await portal.CreateAccountAsync(), GoodCard, TierCode.Pro);
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = portal.RootUrl, ViewportSize = new() { Width = 1366, Height = 900 }, Locale = "en-US", TimezoneId = "UTC" });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await PortalPages.SignInAsync(page, DemoAccount.PlatformAdmin.Email, new DemoOptions().Password);

        await PortalPages.GotoInteractiveAsync(page, "/admin/test-clock");
        await Expect(page.Locator("#clock-offset")).ToHaveTextAsync("Not moved");
        await page.Locator("#advance-days").FillAsync("31");
        await page.Locator("#advance-by-days").ClickAsync();
        await Expect(page.Locator("#advance-result")).ToContainTextAsync("in 31 steps", new() { Timeout = 90_000 });
        await Expect(page.Locator("#result-renewed")).Not.ToHaveTextAsync("0");
        await Expect(page.Locator("#result-paid")).Not.ToHaveTextAsync("0");
        await Expect(page.Locator("#clock-offset")).ToHaveTextAsync("31 days");
        await BrowserFixture.ScreenshotAsync(page, "test-clock");
        await context.CloseAsync();
    }

    private async Task<IPage> SignInAsync(string email, string password)
    {
        var page = await browser.NewPageAsync();
        await PortalPages.SignInAsync(page, email, password);
        await PortalPages.WaitForInteractiveAsync(page);
        return page;
    }

    internal static async Task FillCardAsync(IPage page, string number)
    {
        await page.Locator("#card-number").FillAsync(number);
        await page.Locator("#card-month").FillAsync("12");
        await page.Locator("#card-year").FillAsync(((DateTime.UtcNow.Year + 3) % 100).ToString("D2", System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("#card-cvc").FillAsync("123");
    }

    /// <summary>Saves a card as the default through the services and, unless Free, subscribes monthly with it.</summary>
    internal static async Task SubscribeAsync(PortalFactory portal, TestAccount account, string card, TierCode tier, int seats = 1)
    {
        var token = SandboxCardVault.Tokenise(card, 12, DateTime.UtcNow.Year + 3, "123", portal.Get<TimeProvider>().GetUtcNow());
        Assert.True(token.IsSuccess);
        var added = await portal.Get<PaymentMethodService>().AddAsync(account.Actor, token.Value.Token, true, CancellationToken.None);
        Assert.True(added.IsSuccess, added.IsSuccess ? "" : added.Error.Message);
        if (tier != TierCode.Free)
        {
            var changed = await portal.Get<PlanChangeService>().ConfirmAsync(account.Actor, new PlanChangeRequest(tier, BillingCycle.Monthly, seats), CancellationToken.None);
            Assert.True(changed.IsSuccess, changed.IsSuccess ? "" : changed.Error.Message);
        }
    }
}
