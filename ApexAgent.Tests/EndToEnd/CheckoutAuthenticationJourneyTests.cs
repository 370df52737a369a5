using ApexAgent.Portal.Features.Billing.Payments;
using ApexAgent.Portal.Integrations.Sandbox;
using ApexAgent.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ApexAgent.Tests.EndToEnd;

/// <summary>A first subscription whose payment the bank asks to authenticate: the bank page, then the plan starts.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CheckoutAuthenticationJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_owner_whose_bank_asks_for_authentication_approves_it_and_the_subscription_starts()
    {
        var owner = await browser.Portal.CreateAccountAsync();
        var token = SandboxCardVault.Tokenise("4000002500003155", 12, DateTime.UtcNow.Year + 3, "123", DateTimeOffset.UtcNow).Value.Token;
        Assert.True((await browser.Portal.Get<PaymentMethodService>().AddAsync(owner.Actor, token, true, CancellationToken.None)).IsSuccess);
        var page = await browser.NewPageAsync();
        await PortalPages.SignInAsync(page, owner.Email, PortalFactory.Password);

        await PortalPages.GotoInteractiveAsync(page, "/billing");
        await page.Locator("#change-plan").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.Locator("#preview-target")).ToHaveTextAsync("Pro (monthly)");
        await dialog.Locator("#confirm-plan-change").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/billing/authenticate/"));
        await PortalPages.WaitForInteractiveAsync(page);
        await Expect(page.Locator("#challenge-amount")).ToHaveTextAsync("$20.00");
        await BrowserFixture.ScreenshotAsync(page, "billing-authenticate");

        // Left for later, the billing page says the new subscription is incomplete and leads back here.
        await PortalPages.GotoInteractiveAsync(page, "/billing");
        await Expect(page.Locator("#incomplete-banner")).ToContainTextAsync("incomplete");
        await Expect(page.Locator("#current-plan")).ToHaveTextAsync("Free (monthly)");
        await page.Locator("#authenticate-payment").ClickAsync();
        await PortalPages.WaitForInteractiveAsync(page);
        await page.Locator("#approve-payment").ClickAsync();

        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("your subscription has started");
        await Expect(page.Locator("#current-plan")).ToHaveTextAsync("Pro (monthly)");
        await Expect(page.Locator("#incomplete-banner")).ToHaveCountAsync(0);
    }
}
