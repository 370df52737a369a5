using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Discounts;
using ApexAgent.Portal.Features.Discounts;
using ApexAgent.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ApexAgent.Tests.EndToEnd;

/// <summary>An owner applies a discount code at checkout and sees it in the preview and on the invoice; staff manage codes.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DiscountsJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_owner_applies_a_code_at_checkout_and_sees_it_in_the_preview_and_on_the_invoice()
    {
        var admin = await browser.Portal.CreateAccountAsync(role: PlatformRole.PlatformAdmin);
        var code = "E2E" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var teamOnly = "TEAM" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var codes = browser.Portal.Get<DiscountCodeService>();
        Assert.True((await codes.CreateAsync(admin.Actor, new DiscountCodeTerms(code, DiscountKind.Percent, 25, null, null, null, DiscountDuration.Forever, null, null, null, null, [], [], false, true), CancellationToken.None)).IsSuccess);
        Assert.True((await codes.CreateAsync(admin.Actor, new DiscountCodeTerms(teamOnly, DiscountKind.Percent, 10, null, null, null, DiscountDuration.Once, null, null, null, null, [TierCode.Team], [], false, true), CancellationToken.None)).IsSuccess);
        var owner = await browser.Portal.CreateAccountAsync();
        await BillingJourneyTests.SubscribeAsync(browser.Portal, owner, "4242424242424242", TierCode.Free);
        var page = await browser.NewPageAsync();
        await PortalPages.SignInAsync(page, owner.Email, PortalFactory.Password);
        await PortalPages.WaitForInteractiveAsync(page);

        await PortalPages.GotoInteractiveAsync(page, "/billing");
        await page.Locator("#change-plan").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.Locator("#confirm-plan-change")).ToHaveTextAsync("Pay $20.00 and switch");
        await dialog.Locator("#discount-code-input").FillAsync(teamOnly.ToLowerInvariant());
        await dialog.Locator("#apply-discount-code").ClickAsync();
        await Expect(dialog.GetByText($"{teamOnly} is for Team plans only.")).ToBeVisibleAsync();
        await Expect(dialog.Locator("#confirm-plan-change")).ToHaveTextAsync("Pay $20.00 and switch");

        await dialog.Locator("#discount-code-input").FillAsync(code.ToLowerInvariant());
        await dialog.Locator("#apply-discount-code").ClickAsync();
        await Expect(dialog.Locator("#applied-discount-code")).ToContainTextAsync($"Code {code} applied");
        await Expect(dialog).ToContainTextAsync($"Code {code}: 25% off");
        await Expect(dialog.Locator("#confirm-plan-change")).ToHaveTextAsync("Pay $15.00 and switch");
        await BrowserFixture.ScreenshotAsync(page, "discount-code-preview");
        await dialog.Locator("#confirm-plan-change").ClickAsync();
        await Expect(page.Locator("#current-plan")).ToHaveTextAsync("Pro (monthly)");

        await PortalPages.GotoInteractiveAsync(page, "/billing/invoices");
        await page.Locator("tr.invoice-row a").First.ClickAsync();
        await Expect(page.Locator(".invoice-line")).ToHaveCountAsync(2);
        await Expect(page.Locator(".invoice-line").Nth(1)).ToContainTextAsync($"Code {code}: 25% off");
        await Expect(page.Locator("#invoice-total")).ToHaveTextAsync("$15.00");
        await BrowserFixture.ScreenshotAsync(page, "discount-invoice");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Staff_create_and_pause_a_code_on_the_discounts_page()
    {
        var admin = await browser.Portal.CreateAccountAsync(role: PlatformRole.PlatformAdmin);
        var page = await browser.NewPageAsync();
        await PortalPages.SignInAsync(page, admin.Email, PortalFactory.Password);
        await PortalPages.WaitForInteractiveAsync(page);
        await PortalPages.GotoInteractiveAsync(page, "/admin/discounts");

        var code = "STAFF" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await page.Locator("#code-name").FillAsync("bad code!");
        await page.Locator("#create-code").ClickAsync();
        await Expect(page.Locator("#new-code")).ToContainTextAsync("letters, digits");
        await page.Locator("#code-name").FillAsync(code.ToLowerInvariant());
        await page.Locator("#create-code").ClickAsync();
        var row = page.Locator($"tr[data-code='{code}']");
        await Expect(row).ToContainTextAsync("20% off");
        await Expect(row).ToContainTextAsync("Active");
        await BrowserFixture.ScreenshotAsync(page, "discounts-admin");
        await row.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Paused");
        await row.Locator("code").ClickAsync();
        await Expect(page.Locator("#report-redemptions")).ToHaveTextAsync("0");
        await page.SetViewportSizeAsync(390, 844);
        await BrowserFixture.ScreenshotAsync(page, "discounts-admin-390");
        await page.Context.CloseAsync();
    }
}
