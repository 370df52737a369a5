using System.Text.RegularExpressions;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Features.Billing.Payments;
using ApexAgent.Portal.Features.TestClock;
using ApexAgent.Portal.Integrations.Sandbox;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ApexAgent.Tests.EndToEnd;

/// <summary>
/// A renewal the bank refused to charge while the customer was away (3-D Secure): the billing page and the invoice say
/// so, "Pay now" takes the owner to their bank, and after approving the invoice is paid.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PayNowJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_owner_pays_a_renewal_their_bank_wants_confirmed_from_the_billing_page()
    {
        // Its own portal: moving the clock would move it under the other journeys too.
        await using var portal = new PortalFactory(kestrel: true);
        var owner = await portal.CreateAccountAsync();
        await BillingJourneyTests.SubscribeAsync(portal, owner, "4242 4242 4242 4242", TierCode.Pro);
        var confirming = SandboxCardVault.Tokenise("4000002500003155", 12, DateTime.UtcNow.Year + 3, "123", portal.Get<TimeProvider>().GetUtcNow());
        Assert.True((await portal.Get<PaymentMethodService>().AddAsync(owner.Actor, confirming.Value.Token, true, CancellationToken.None)).IsSuccess);
        var staff = await portal.CreateAccountAsync(role: PlatformRole.PlatformAdmin);
        Result<TestClockResult> moved;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            moved = await scope.ServiceProvider.GetRequiredService<TestClockService>().AdvanceAsync(staff.Actor, new TestClockAdvance(Days: 31), CancellationToken.None);
        }

        Assert.True(moved.IsSuccess, moved.IsSuccess ? "" : moved.Error.Message);
        var renewal = await portal.WithDbAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.OrganizationId == owner.OrganizationId && i.Purpose == InvoicePurpose.Renewal));
        Assert.Equal(InvoiceStatus.Open, renewal.Status);

        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = portal.RootUrl, ViewportSize = new() { Width = 1366, Height = 900 }, Locale = "en-US", TimezoneId = "UTC" });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await PortalPages.SignInAsync(page, owner.Email, PortalFactory.Password);

        await PortalPages.GotoInteractiveAsync(page, "/billing");
        var banner = page.Locator("#unpaid-banner");
        await Expect(banner).ToContainTextAsync($"Invoice {renewal.Number} for $20.00 is unpaid. Your bank asks you to confirm this payment yourself.");
        await Expect(page.Locator("#amount-due")).ToHaveTextAsync("$20.00");
        await BrowserFixture.ScreenshotAsync(page, "billing-unpaid-confirm");

        await banner.GetByRole(AriaRole.Link, new() { Name = renewal.Number! }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/billing/invoices/{renewal.Id}$"));
        await PortalPages.WaitForInteractiveAsync(page);
        var unpaid = page.Locator("#invoice-unpaid");
        await Expect(unpaid).ToContainTextAsync("$20.00 is due");
        await Expect(unpaid).ToContainTextAsync("Your bank asks you to confirm this payment yourself");
        await BrowserFixture.ScreenshotAsync(page, "invoice-unpaid-confirm");
        await unpaid.Locator("#pay-now").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/billing/authenticate/"));
        await PortalPages.WaitForInteractiveAsync(page);
        await Expect(page.Locator("#page-title")).ToContainTextAsync("Authenticate your payment");
        await Expect(page.Locator("#bank-challenge")).ToContainTextAsync($"invoice {renewal.Number}");
        await Expect(page.Locator("#challenge-amount")).ToHaveTextAsync("$20.00");
        await BrowserFixture.ScreenshotAsync(page, "invoice-authenticate");

        // Left for later, the invoice offers to confirm the waiting payment rather than charging again.
        await PortalPages.GotoInteractiveAsync(page, $"/billing/invoices/{renewal.Id}");
        await Expect(page.Locator("#invoice-unpaid")).ToContainTextAsync("Your bank is waiting for you to confirm the payment of $20.00");
        await page.Locator("#confirm-payment").ClickAsync();
        await PortalPages.WaitForInteractiveAsync(page);
        await page.Locator("#approve-payment").ClickAsync();

        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync($"Payment confirmed: invoice {renewal.Number} is paid.");
        await Expect(page).ToHaveURLAsync(new Regex($"/billing/invoices/{renewal.Id}$"));
        await Expect(page.Locator("#invoice-status")).ToHaveTextAsync("Paid");
        await Expect(page.Locator("#invoice-unpaid")).ToHaveCountAsync(0);
        await Expect(page.Locator("#invoice-due")).ToHaveTextAsync("$0.00");
        await BrowserFixture.ScreenshotAsync(page, "invoice-paid-after-confirm");

        await PortalPages.GotoInteractiveAsync(page, "/billing");
        await Expect(page.Locator("#unpaid-banner")).ToHaveCountAsync(0);
        await Expect(page.Locator("#amount-due")).ToHaveTextAsync("$0.00");
        var payments = await portal.WithDbAsync(db => db.Payments.AsNoTracking().Where(p => p.InvoiceId == renewal.Id).ToListAsync());
        Assert.Single(payments, p => p.Status == ApexAgent.Portal.Features.Billing.PaymentStatus.Succeeded);
        await context.CloseAsync();
    }
}
