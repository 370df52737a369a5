using System.Text.RegularExpressions;
using ApexAgent.Domain.Catalog;
using ApexAgent.Portal.Features.Demo;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ApexAgent.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class PortalPagesTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_visitor_compares_plans_monthly_and_annually()
    {
        var page = await browser.NewPageAsync();
        await PortalPages.GotoInteractiveAsync(page, "/pricing");

        await Expect(page.Locator("#plan-pro .price")).ToHaveTextAsync("$20");
        await Expect(page.Locator("#plan-team")).ToContainTextAsync("per seat / month");
        await Expect(page.Locator("#compare-table")).ToContainTextAsync("12,000 per seat, pooled");
        await BrowserFixture.ScreenshotAsync(page, "pricing");

        await page.GetByText("Annual · 2 months free").ClickAsync();

        await Expect(page.Locator("#plan-pro .price")).ToHaveTextAsync("$200");
        await Expect(page.Locator("#plan-team .price")).ToHaveTextAsync("$400");
        await Expect(page.Locator("#plan-enterprise")).ToContainTextAsync("Billed annually, minimum 10 seats");
    }

    [Fact]
    public async Task A_customer_updates_profile_and_billing_details()
    {
        var account = await browser.Portal.CreateAccountAsync();
        var page = await browser.NewPageAsync();
        await PortalPages.SignInAsync(page, account.Email, PortalFactory.Password);
        await PortalPages.GotoInteractiveAsync(page, "/settings");

        await page.Locator("#profile-name").FillAsync("Katherine Johnson");
        await page.Locator("#profile-company").FillAsync("NASA Langley");
        await page.Locator("#profile-address1").FillAsync("1 Langley Blvd");
        await page.Locator("#profile-city").FillAsync("Hampton");
        await page.Locator("#profile-postal").FillAsync("23681");
        await page.Locator("#profile-country").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "United States", Exact = true }).ClickAsync();
        await page.Locator("#profile-taxid").FillAsync("us 12-3456789");
        await page.ClickAsync("#profile-save");
        await Expect(page.GetByText("Your settings are saved.")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "settings");

        await page.ReloadAsync();
        await PortalPages.WaitForInteractiveAsync(page);
        await Expect(page.Locator("#profile-name")).ToHaveValueAsync("Katherine Johnson");
        await Expect(page.Locator("#profile-taxid")).ToHaveValueAsync("US12-3456789");
        var stored = await browser.Portal.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == account.UserId));
        Assert.Equal("US", stored.Profile.Country);
        Assert.Equal("Hampton", stored.Profile.City);
    }

    [Fact]
    public async Task An_empty_name_is_refused_and_what_was_typed_stays()
    {
        var account = await browser.Portal.CreateAccountAsync();
        var page = await browser.NewPageAsync();
        await PortalPages.SignInAsync(page, account.Email, PortalFactory.Password);
        await PortalPages.GotoInteractiveAsync(page, "/settings");

        await page.Locator("#profile-name").FillAsync("");
        await page.Locator("#profile-city").FillAsync("Kept City");
        await page.ClickAsync("#profile-save");

        await Expect(page.GetByText("Some fields need attention; nothing was saved.")).ToBeVisibleAsync();
        await Expect(page.Locator("#profile-city")).ToHaveValueAsync("Kept City");
        var stored = await browser.Portal.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == account.UserId));
        Assert.Null(stored.Profile.City);
    }

    [Fact]
    public async Task A_platform_admin_saves_a_new_tier_version_and_the_pricing_page_shows_it()
    {
        var page = await browser.NewPageAsync();
        await PortalPages.SignInAsync(page, DemoAccount.PlatformAdmin.Email, "Demo-password-2026");
        await PortalPages.GotoInteractiveAsync(page, "/admin/catalog");
        await page.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex("^Team") }).ClickAsync();

        await page.Locator("#tier-team-base-credits").FillAsync("8500");
        await page.Locator("#tier-team-change-note").FillAsync("Holiday boost");
        await page.Locator("#tier-team-save").ClickAsync();

        await Expect(page.GetByText("Saved Team as version 2")).ToBeVisibleAsync();
        await Expect(page.Locator("#history-team")).ToContainTextAsync("Holiday boost");
        await BrowserFixture.ScreenshotAsync(page, "catalog-admin");
        await PortalPages.GotoInteractiveAsync(page, "/pricing");
        await Expect(page.Locator("#plan-team")).ToContainTextAsync("8,500 per seat, pooled");

        var versions = await browser.Portal.WithDbAsync(db => db.TierVersions.CountAsync(v => v.Code == TierCode.Team));
        Assert.Equal(2, versions);
    }

    [Fact]
    public async Task A_customer_does_not_see_or_reach_the_admin_catalog()
    {
        var account = await browser.Portal.CreateAccountAsync(TierCode.Pro);
        var page = await browser.NewPageAsync();
        await PortalPages.SignInAsync(page, account.Email, PortalFactory.Password);
        await PortalPages.WaitForInteractiveAsync(page);

        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Tier catalog" })).ToHaveCountAsync(0);
        await page.GotoAsync("/admin/catalog");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/AccessDenied"));
        await Expect(page.GetByText("You don't have access to this page")).ToBeVisibleAsync();
        await Expect(page.Locator("[id$='-save']")).ToHaveCountAsync(0);
        await page.ClickAsync("#back-to-dashboard");
        await PortalPages.WaitForInteractiveAsync(page);
        await Expect(page.Locator("#plan-name")).ToHaveTextAsync("Pro");
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in_and_back()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/api-keys");

        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login\\?ReturnUrl=", RegexOptions.IgnoreCase));
        await PortalPages.SubmitSignInAsync(page, DemoAccount.ProUser.Email, "Demo-password-2026");
        await Expect(page).ToHaveURLAsync(new Regex("/api-keys$"));
        await PortalPages.WaitForInteractiveAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "api-keys-pro");

        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
        await Expect(page.Locator("#plan-name")).ToHaveTextAsync("Pro");
        await BrowserFixture.ScreenshotAsync(page, "dashboard-pro");
    }

    [Fact]
    public async Task On_a_phone_the_navigation_is_a_drawer_and_the_theme_can_be_switched()
    {
        var page = await browser.NewPageAsync(390, 844);
        await PortalPages.SignInAsync(page, DemoAccount.ProUser.Email, "Demo-password-2026");
        await PortalPages.WaitForInteractiveAsync(page);

        var apiKeysLink = page.GetByRole(AriaRole.Link, new() { Name = "API keys" });
        await Expect(apiKeysLink).Not.ToBeInViewportAsync();
        await BrowserFixture.ScreenshotAsync(page, "dashboard-phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open navigation" }).ClickAsync();
        await Expect(apiKeysLink).ToBeInViewportAsync();

        await page.Locator(".mud-overlay-drawer").ClickAsync(new() { Position = new() { X = 370, Y = 400 } });
        await Expect(apiKeysLink).Not.ToBeInViewportAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark theme" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light theme" })).ToBeVisibleAsync();
        Assert.Equal("dark", await page.EvaluateAsync<string>("() => localStorage.getItem('apexagent.theme')"));
        await BrowserFixture.ScreenshotAsync(page, "dashboard-phone-dark");
    }

    [Fact]
    public async Task An_unknown_address_shows_a_helpful_page()
    {
        var page = await browser.NewPageAsync();
        var response = await page.GotoAsync("/no/such/page");
        await PortalPages.WaitForInteractiveAsync(page);

        Assert.Equal(404, response!.Status);
        await Expect(page.GetByText("We couldn't find that page")).ToBeVisibleAsync();
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var account = await browser.Portal.CreateAccountAsync();
        var page = await browser.NewPageAsync();
        await PortalPages.SignInAsync(page, account.Email, PortalFactory.Password);
        await PortalPages.WaitForInteractiveAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Account menu" }).ClickAsync();
        await page.ClickAsync("#logout");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();

        await page.GotoAsync("/settings");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));
    }

    [Fact]
    public async Task A_developer_browses_the_api_reference()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/api/docs");

        await Expect(page.Locator(".information-container .title")).ToContainTextAsync("ApexAgent Portal API");
        await Expect(page.GetByText("/api/v1/me").First).ToBeVisibleAsync();
        await Expect(page.GetByText("/api/v1/api-keys/{id}/rotate").First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "api-reference");
    }
}
