using ApexAgent.Portal.Features.Billing.Payments;
using ApexAgent.Tests.Portal.Credits;
using ApexAgent.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ApexAgent.Tests.EndToEnd;

/// <summary>An owner with a saved card buys a credit pack in one click and sees the credits arrive.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BuyCreditsJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_owner_buys_a_pack_in_one_click_and_sees_the_new_balance_and_the_invoice()
    {
        var owner = await CreditsTestData.NewAccountWithoutCreditsAsync(browser.Portal);
        var saved = await browser.Portal.Get<PaymentMethodService>().AddAsync(owner.Actor, BillingHarness.Token(BillingHarness.Good, DateTimeOffset.UtcNow), true, CancellationToken.None);
        Assert.True(saved.IsSuccess, saved.Error?.Message);
        var page = await browser.NewPageAsync();
        await PortalPages.SignInAsync(page, owner.Email, PortalFactory.Password);
        await PortalPages.WaitForInteractiveAsync(page);

        await PortalPages.GotoInteractiveAsync(page, "/credits/buy");
        await Expect(page.Locator("#default-method")).ToContainTextAsync("Visa •••• 4242");
        await Expect(page.Locator("#credit-balance")).ToContainTextAsync("0 credits");
        await Expect(page.Locator(".credit-pack")).ToHaveCountAsync(3);
        await Expect(page.Locator("#auto-top-up-used")).ToHaveTextAsync("Used 0 of 3 this month");
        await BrowserFixture.ScreenshotAsync(page, "credits-buy");

        var pack = page.Locator(".credit-pack[data-pack='pack-5000']");
        await pack.Locator(".buy-pack").ClickAsync();
        await Expect(pack).ToContainTextAsync("Charge $45.00 to Visa •••• 4242 now?");
        await BrowserFixture.ScreenshotAsync(page, "credits-buy-confirm");
        await pack.Locator(".confirm-purchase").ClickAsync();

        await Expect(page.Locator("#purchase-success")).ToContainTextAsync("5,000 credits added.");
        await Expect(page.Locator("#purchase-success")).ToContainTextAsync("Your balance is now 5,000 credits");
        await Expect(page.Locator("#credit-balance")).ToContainTextAsync("5,000 credits");
        await Expect(page.Locator("#purchase-success a")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"APX-\d{4}-\d{6}"));
        await BrowserFixture.ScreenshotAsync(page, "credits-bought");

        await page.SetViewportSizeAsync(390, 844);
        await BrowserFixture.ScreenshotAsync(page, "credits-bought-mobile");

        await page.Locator("#purchase-success a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/billing/invoices/"));
        await Expect(page.GetByText("Credit pack: 5,000 credits").First).ToBeVisibleAsync();
        Assert.Single(await browser.Portal.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            System.Linq.Queryable.Where(db.CreditGrants, g => g.OrganizationId == owner.OrganizationId))));
    }

    [Fact]
    public async Task Without_a_card_the_page_explains_and_links_to_payment_methods()
    {
        var owner = await CreditsTestData.NewAccountWithoutCreditsAsync(browser.Portal);
        var page = await browser.NewPageAsync(390, 844);
        await PortalPages.SignInAsync(page, owner.Email, PortalFactory.Password);
        await PortalPages.WaitForInteractiveAsync(page);

        await PortalPages.GotoInteractiveAsync(page, "/credits/buy");
        await Expect(page.Locator("#no-payment-method")).ToContainTextAsync("Add a payment method to buy credits");
        await Expect(page.Locator("#no-payment-method a")).ToHaveAttributeAsync("href", "/billing/payment-methods");
        await BrowserFixture.ScreenshotAsync(page, "credits-buy-no-card-mobile");
    }
}
