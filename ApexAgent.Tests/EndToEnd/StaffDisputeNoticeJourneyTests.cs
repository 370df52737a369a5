using System.Text.Json;
using System.Text.RegularExpressions;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Catalog;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Billing.Webhooks;
using ApexAgent.Tests.Portal.Billing.Webhooks;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ApexAgent.Tests.EndToEnd;

/// <summary>A platform admin finds a customer's dispute in the bell, in their own organisation, and follows it to the disputes.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StaffDisputeNoticeJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_platform_admin_sees_the_dispute_in_the_bell_and_opens_the_disputes_from_it()
    {
        var portal = browser.Portal;
        var admin = await portal.CreateAccountAsync(role: PlatformRole.PlatformAdmin);
        var owner = await portal.CreateAccountAsync();
        await BillingJourneyTests.SubscribeAsync(portal, owner, "4242424242424242", TierCode.Pro);
        var intent = WebhookWorld.NewId("pi_");
        await portal.WithDbAsync(async db =>
        {
            var charge = await db.Payments.SingleAsync(p => p.OrganizationId == owner.OrganizationId && p.Kind == PaymentKind.Charge && p.Status == PaymentStatus.Succeeded);
            (charge.Processor, charge.ProcessorPaymentId) = ("stripe", intent);
            return await db.SaveChangesAsync();
        });
        var now = portal.Get<TimeProvider>().GetUtcNow();
        var json = WebhookWorld.StripeEvent("charge.dispute.created", WebhookWorld.Dispute(WebhookWorld.NewId("dp_"), intent, 2000, "needs_response"), now);
        using (var document = JsonDocument.Parse(json))
        {
            Assert.Equal(WebhookOutcome.Applied, await portal.Get<WebhookInbox>().ReceiveAsync(StripeEventReader.Read(document.RootElement)!, json, CancellationToken.None));
        }

        var page = await browser.NewPageAsync();
        await PortalPages.SignInAsync(page, admin.Email, PortalFactory.Password);
        await PortalPages.GotoInteractiveAsync(page, "/");
        await Expect(page.Locator("#notification-badge")).ToContainTextAsync("1");
        await page.Locator("#notification-bell").ClickAsync();
        var item = page.Locator(".notification-item").Filter(new() { HasText = "Dispute: $20.00" });
        await Expect(item).ToContainTextAsync("fraudulent");
        await Expect(item).ToContainTextAsync("No respond-by date came with it");
        await page.WaitForTimeoutAsync(300); // the menu fades in
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = "/tmp/shots/gaps/staff-dispute-bell.png" });
        await BrowserFixture.ScreenshotAsync(page, "staff-dispute-bell");
        await item.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/billing/webhooks#disputes$"));
        await PortalPages.WaitForInteractiveAsync(page);
        await Expect(page.Locator(".dispute-row[data-status='Open']").First).ToBeVisibleAsync();
        await page.Context.CloseAsync();

        // The customer's owner sees their own notice, not the staff one.
        var customer = await browser.NewPageAsync();
        await PortalPages.SignInAsync(customer, owner.Email, PortalFactory.Password);
        await PortalPages.GotoInteractiveAsync(customer, "/");
        await customer.Locator("#notification-bell").ClickAsync();
        await Expect(customer.Locator(".notification-item").Filter(new() { HasText = "disputed" }).First).ToBeVisibleAsync();
        await Expect(customer.Locator(".notification-item").Filter(new() { HasText = "Dispute: $20.00" })).ToHaveCountAsync(0);
        await customer.Context.CloseAsync();
    }
}
