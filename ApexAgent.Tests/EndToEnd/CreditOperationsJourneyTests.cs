using System.Text.RegularExpressions;
using ApexAgent.Domain.Credits;
using ApexAgent.Portal.Features.Demo;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ApexAgent.Tests.EndToEnd;

/// <summary>ApexAgent staff at /admin/credits: find an organisation, see its grants, give credits with a reason, set its overdraft.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CreditOperationsJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_platform_admin_gives_credits_with_a_reason_and_sees_them_listed()
    {
        var customer = await browser.Portal.CreateAccountAsync();
        var page = await browser.NewPageAsync();
        await PortalPages.SignInAsync(page, DemoAccount.PlatformAdmin.Email, new DemoOptions().Password);
        await PortalPages.WaitForInteractiveAsync(page);

        await page.Locator(".mud-navmenu").GetByRole(AriaRole.Link, new() { Name = "Credit operations" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/credits$"));
        await PortalPages.WaitForInteractiveAsync(page);
        await Expect(page.GetByText("Search for an organisation")).ToBeVisibleAsync();
        Directory.CreateDirectory("/tmp/shots/allocations");
        await page.ScreenshotAsync(new() { Path = "/tmp/shots/allocations/credits-empty.png", FullPage = true });
        await page.Locator("#credits-org-search").FillAsync(customer.Email);
        var result = page.Locator($"tr.credits-org-row[data-org='{customer.OrganizationId}']");
        await Expect(result).ToContainTextAsync(customer.Email);
        await result.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"org={customer.OrganizationId}"));
        await Expect(page.Locator("tr.credits-grant-row[data-kind='Base']")).ToHaveCountAsync(1); // Free's base credits from sign-up

        // A reason is required; what was typed stays.
        await page.Locator("#give-credits").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.Locator("#grant-credits").FillAsync("250.5");
        await dialog.Locator("#grant-reason").FillAsync("short");
        await dialog.Locator("#grant-give").ClickAsync();
        await Expect(dialog).ToContainTextAsync("Say why, in 10 to 300 characters.");
        await Expect(dialog.Locator("#grant-credits")).ToHaveValueAsync("250.5");
        await dialog.Locator("#grant-reason").FillAsync("Credit for the outage on 3 March (ticket 4411)");
        await page.ScreenshotAsync(new() { Path = "/tmp/shots/allocations/credits-dialog.png", FullPage = true });
        await dialog.Locator("#grant-give").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("250.5 credits given to");

        var promo = page.Locator("tr.credits-grant-row[data-kind='Promotional']");
        await Expect(promo).ToHaveCountAsync(1);
        await Expect(promo).ToContainTextAsync("Credit for the outage on 3 March (ticket 4411)");
        await Expect(promo).ToContainTextAsync("250.5 credits");
        var grant = await browser.Portal.WithDbAsync(db => db.CreditGrants.AsNoTracking().SingleAsync(g => g.OrganizationId == customer.OrganizationId && g.Kind == GrantKind.Promotional));
        Assert.Equal(250_500, grant.Amount);

        await page.Locator("#overdraft-credits").FillAsync("40");
        await page.Locator("#overdraft-credits").BlurAsync();
        await page.Locator("#overdraft-save").ClickAsync();
        await Expect(page.Locator(".mud-snackbar").Last).ToContainTextAsync("may now overdraw 40 credits");
        Assert.Equal(40_000, await browser.Portal.WithDbAsync(db => db.CreditPools.Where(p => p.OrganizationId == customer.OrganizationId).Select(p => p.OverdraftAllowance).SingleAsync()));
        await page.ScreenshotAsync(new() { Path = "/tmp/shots/allocations/credits-org.png", FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new() { Path = "/tmp/shots/allocations/credits-org-mobile.png", FullPage = true });
    }

    [Fact]
    public async Task Customers_neither_see_nor_reach_credit_operations()
    {
        var customer = await browser.Portal.CreateAccountAsync();
        var page = await browser.NewPageAsync();
        await PortalPages.SignInAsync(page, customer.Email, PortalFactory.Password);
        await PortalPages.WaitForInteractiveAsync(page);
        await Expect(page.Locator(".mud-navmenu").GetByRole(AriaRole.Link, new() { Name = "Credit operations" })).ToHaveCountAsync(0);
        await page.GotoAsync(browser.Portal.RootUrl + "/admin/credits");
        await Expect(page.Locator("#credits-org-search")).ToHaveCountAsync(0);
    }
}
