using System.Text.Json;
using System.Text.RegularExpressions;
using ApexAgent.Domain.Catalog;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Billing.Webhooks;
using ApexAgent.Portal.Features.Demo;
using ApexAgent.Tests.Portal.Billing.Webhooks;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ApexAgent.Tests.EndToEnd;

/// <summary>Support looks at what Stripe and PayPal sent: deliveries with their outcome, and the disputes they opened.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WebhookDeliveriesJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Staff_see_recent_deliveries_and_open_disputes_and_customers_are_refused()
    {
        var portal = browser.Portal;
        var owner = await portal.CreateAccountAsync();
        await BillingJourneyTests.SubscribeAsync(portal, owner, "4242 4242 4242 4242", TierCode.Pro);
        var intent = WebhookWorld.NewId("pi_");
        await portal.WithDbAsync(async db =>
        {
            var charge = await db.Payments.SingleAsync(p => p.OrganizationId == owner.OrganizationId && p.Kind == PaymentKind.Charge && p.Status == PaymentStatus.Succeeded);
            (charge.Processor, charge.ProcessorPaymentId) = ("stripe", intent);
            return await db.SaveChangesAsync();
        });
        var now = portal.Get<TimeProvider>().GetUtcNow();
        var inbox = portal.Get<WebhookInbox>();
        foreach (var json in new[]
        {
            WebhookWorld.StripeEvent("charge.dispute.created", WebhookWorld.Dispute(WebhookWorld.NewId("dp_"), intent, 2000, "needs_response"), now),
            WebhookWorld.StripeEvent("customer.updated", new { id = "cus_journey", @object = "customer" }, now),
        })
        {
            using var document = JsonDocument.Parse(json);
            await inbox.ReceiveAsync(StripeEventReader.Read(document.RootElement)!, json, CancellationToken.None);
        }

        var page = await browser.NewPageAsync();
        await PortalPages.SignInAsync(page, DemoAccount.PlatformAdmin.Email, new DemoOptions().Password);
        await PortalPages.WaitForInteractiveAsync(page);
        await page.Locator(".mud-navmenu").GetByRole(AriaRole.Link, new() { Name = "Processor webhooks" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/billing/webhooks$"));
        await PortalPages.WaitForInteractiveAsync(page);

        await Expect(page.Locator(".dispute-row[data-status='Open']").First).ToContainTextAsync("$20.00");
        await Expect(page.Locator(".delivery-row[data-type='charge.dispute.created']").First).ToContainTextAsync("Applied");
        await Expect(page.Locator(".delivery-row[data-type='customer.updated']").First).ToContainTextAsync("Ignored");
        await BrowserFixture.ScreenshotAsync(page, "webhooks");

        // Only what was ignored, after choosing the filter.
        await page.Locator("#filter-outcome div.mud-input").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Ignored" }).ClickAsync();
        await Expect(page.Locator(".delivery-row[data-outcome='Applied']")).ToHaveCountAsync(0);
        await Expect(page.Locator(".delivery-row[data-type='customer.updated']").First).ToBeVisibleAsync();

        var phone = await browser.NewPageAsync(390, 844);
        await PortalPages.SignInAsync(phone, DemoAccount.PlatformAdmin.Email, new DemoOptions().Password);
        await PortalPages.GotoInteractiveAsync(phone, "/admin/billing/webhooks");
        await Expect(phone.Locator("#delivery-table")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(phone, "webhooks-390");

        var customer = await browser.NewPageAsync();
        await PortalPages.SignInAsync(customer, owner.Email, PortalFactory.Password);
        var invoiceId = await portal.WithDbAsync(db => db.Payments.Where(p => p.ProcessorPaymentId == intent).Select(p => p.InvoiceId).SingleAsync());
        await PortalPages.GotoInteractiveAsync(customer, $"/billing/invoices/{invoiceId}");
        await Expect(customer.Locator(".invoice-dispute[data-status='Open']")).ToContainTextAsync("$20.00");
        await BrowserFixture.ScreenshotAsync(customer, "invoice-dispute");
        await customer.GotoAsync("/admin/billing/webhooks");
        await Expect(customer).ToHaveURLAsync(new Regex("/Account/AccessDenied"));
    }
}
