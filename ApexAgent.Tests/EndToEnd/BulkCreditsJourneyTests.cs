using System.Text.RegularExpressions;
using ApexAgent.Portal.Features.Demo;
using ApexAgent.Tests.Portal.Credits;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ApexAgent.Tests.EndToEnd;

/// <summary>ApexAgent staff sell an organisation bulk credits from /admin/billing: an open invoice and the credits at once.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BulkCreditsJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_platform_admin_sells_200000_credits_at_a_negotiated_rate_and_sees_the_open_invoice()
    {
        var customer = await CreditsTestData.NewAccountWithoutCreditsAsync(browser.Portal);
        var page = await browser.NewPageAsync();
        await PortalPages.SignInAsync(page, DemoAccount.PlatformAdmin.Email, new DemoOptions().Password);
        await PortalPages.WaitForInteractiveAsync(page);

        await PortalPages.GotoInteractiveAsync(page, $"/admin/billing?org={customer.OrganizationId}");
        await Expect(page.Locator("#bulk-credits")).ToContainTextAsync("Bulk credits");
        await page.Locator("#open-bulk-credits").ClickAsync();
        await page.Locator("#bulk-credits-amount").FillAsync("200000");
        await page.Locator("#bulk-price").FillAsync("7.50");
        await page.Locator("#bulk-price").BlurAsync();
        await Expect(page.Locator("#bulk-summary")).ToContainTextAsync("200,000 credits now; invoice of $1,500.00, due in 30 days.");
        await BrowserFixture.ScreenshotAsync(page, "admin-bulk-credits");
        await page.Locator("#sell-bulk-credits").ClickAsync();

        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("200,000 credits granted");
        var row = page.Locator("tr.ops-invoice-row").First;
        await Expect(row).ToContainTextAsync("$1,500.00");
        await Expect(row).ToContainTextAsync("Bulk credits");
        Assert.Equal(200_000_000, await browser.Portal.WithDbAsync(db => db.CreditGrants.Where(g => g.OrganizationId == customer.OrganizationId).SumAsync(g => g.Remaining)));
        await Expect(page).ToHaveURLAsync(new Regex($"org={customer.OrganizationId}"));
    }
}
