using System.Text.RegularExpressions;
using ApexAgent.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ApexAgent.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class TwoFactorJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_customer_turns_on_an_authenticator_and_then_needs_its_code_to_sign_in()
    {
        var account = await browser.Portal.CreateAccountAsync();
        var page = await browser.NewPageAsync();
        await PortalPages.SignInAsync(page, account.Email, PortalFactory.Password);

        await page.GotoAsync("/Account/Manage/EnableAuthenticator");
        await Expect(page.Locator(".qr-code svg")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "two-factor-setup");
        var key = await page.Locator("#authenticator-key").InnerTextAsync();
        await page.Locator("#Input\\.Code").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(page.Locator("body")).ToContainTextAsync("Put these codes in a safe place");

        await page.Context.ClearCookiesAsync();
        await page.GotoAsync("/Account/Login");
        await PortalPages.SubmitSignInAsync(page, account.Email, PortalFactory.Password);
        await Expect(page).ToHaveURLAsync(new Regex("/Account/LoginWith2fa"));

        await page.Locator("#Input\\.TwoFactorCode").FillAsync("000000" == Totp.Code(key, DateTimeOffset.UtcNow) ? "111111" : "000000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page.Locator(".alert-danger, .text-danger").First).ToBeVisibleAsync();

        await page.Locator("#Input\\.TwoFactorCode").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await PortalPages.WaitForInteractiveAsync(page);
        await Expect(page.GetByText("Turn on two-factor sign-in")).ToHaveClassAsync(new Regex("checklist-done"));
    }
}
