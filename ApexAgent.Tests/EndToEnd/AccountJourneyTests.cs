using System.Text.RegularExpressions;
using ApexAgent.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ApexAgent.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class AccountJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_visitor_registers_confirms_through_the_mailbox_signs_in_and_sees_the_dashboard()
    {
        var page = await browser.NewPageAsync();
        var email = $"ada-{Guid.NewGuid():N}@example.test";

        await page.GotoAsync("/Account/Register");
        await BrowserFixture.ScreenshotAsync(page, "register");
        await page.GetByLabel("Your name").FillAsync("Ada Lovelace");
        await page.GetByLabel("Work email").FillAsync(email);
        await page.Locator("#Input\\.Password").FillAsync(PortalFactory.Password);
        await page.Locator("#Input\\.ConfirmPassword").FillAsync(PortalFactory.Password);
        await page.ClickAsync("#register-submit");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your email" })).ToBeVisibleAsync();
        await page.ClickAsync("#open-mailbox");
        await PortalPages.WaitForInteractiveAsync(page);
        await Expect(page.Locator("#mail-view")).ToContainTextAsync("Confirm your email");
        await BrowserFixture.ScreenshotAsync(page, "mailbox");
        var link = await page.Locator(".mail-link").First.GetAttributeAsync("href");
        Assert.Contains("/Account/ConfirmEmail", link, StringComparison.Ordinal);

        await page.GotoAsync(link!);
        await Expect(page.Locator("body")).ToContainTextAsync("Thank you for confirming your email");

        await PortalPages.SignInAsync(page, email, PortalFactory.Password);
        await PortalPages.WaitForInteractiveAsync(page);
        await Expect(page.Locator("h4#page-title")).ToContainTextAsync("Ada");
        await Expect(page.Locator("#plan-name")).ToHaveTextAsync("Free");
        await Expect(page.Locator("#base-credits")).ToHaveTextAsync("1,000");
        await Expect(page.GetByText("Confirm your email address")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "dashboard-free");
    }

    [Fact]
    public async Task Signing_in_before_confirming_explains_what_to_do()
    {
        var page = await browser.NewPageAsync();
        var email = $"early-{Guid.NewGuid():N}@example.test";
        await page.GotoAsync("/Account/Register");
        await page.GetByLabel("Your name").FillAsync("Early Bird");
        await page.GetByLabel("Work email").FillAsync(email);
        await page.Locator("#Input\\.Password").FillAsync(PortalFactory.Password);
        await page.Locator("#Input\\.ConfirmPassword").FillAsync(PortalFactory.Password);
        await page.ClickAsync("#register-submit");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your email" })).ToBeVisibleAsync();

        await page.GotoAsync("/Account/Login");
        await PortalPages.SubmitSignInAsync(page, email, PortalFactory.Password);

        await Expect(page.Locator(".alert-danger")).ToContainTextAsync("Confirm your email address first");
    }

    [Fact]
    public async Task Registration_keeps_what_was_typed_and_explains_errors()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/Account/Register");
        await page.GetByLabel("Your name").FillAsync("Short Password");
        await page.GetByLabel("Work email").FillAsync("not-an-email");
        await page.Locator("#Input\\.Password").FillAsync("short");
        await page.Locator("#Input\\.ConfirmPassword").FillAsync("different");
        await page.ClickAsync("#register-submit");

        await Expect(page.Locator(".validation-errors, .text-danger").First).ToBeVisibleAsync();
        await Expect(page.GetByText("Enter a valid email address")).ToHaveCountAsync(2); // summary and field
        await Expect(page.GetByLabel("Your name")).ToHaveValueAsync("Short Password");
        await BrowserFixture.ScreenshotAsync(page, "register-errors");
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account()
    {
        var account = await browser.Portal.CreateAccountAsync();
        var page = await browser.NewPageAsync();

        for (var attempt = 0; attempt < 5; attempt++)
        {
            await page.GotoAsync("/Account/Login");
            await PortalPages.SubmitSignInAsync(page, account.Email, "Wrong-password-" + attempt);
        }

        await Expect(page).ToHaveURLAsync(new Regex("/Account/Lockout"));
        await Expect(page.GetByRole(AriaRole.Heading)).ToContainTextAsync("locked");

        await page.GotoAsync("/Account/Login");
        await PortalPages.SubmitSignInAsync(page, account.Email, PortalFactory.Password);
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Lockout"));
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_through_the_mailed_link()
    {
        var account = await browser.Portal.CreateAccountAsync();
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/Account/ForgotPassword");
        await page.GetByLabel("Email").FillAsync(account.Email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Reset password" }).ClickAsync();
        await PortalPages.GotoInteractiveAsync(page, "/dev/mailbox?to=" + Uri.EscapeDataString(account.Email));
        await Expect(page.Locator("#mail-view")).ToContainTextAsync("Reset your password");
        var link = await page.Locator(".mail-link").First.GetAttributeAsync("href");

        await page.GotoAsync(link!);
        await page.GetByLabel("Email").FillAsync(account.Email);
        await page.Locator("#Input\\.Password").FillAsync("Brand-new-password-1");
        await page.Locator("#Input\\.ConfirmPassword").FillAsync("Brand-new-password-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reset" }).ClickAsync();
        await Expect(page.Locator("body")).ToContainTextAsync("Your password has been reset");

        await PortalPages.SignInAsync(page, account.Email, "Brand-new-password-1");
        await PortalPages.WaitForInteractiveAsync(page);
        await Expect(page.Locator("#plan-name")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Deleting_the_account_stops_its_api_keys_at_once()
    {
        var account = await browser.Portal.CreateAccountAsync(ApexAgent.Domain.Catalog.TierCode.Pro);
        var key = await browser.Portal.IssueKeyAsync(account);
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key.Secret.Plaintext);
        Assert.True((await http.GetAsync(browser.RootUrl + "/api/v1/me")).IsSuccessStatusCode); // cached now
        var page = await browser.NewPageAsync();
        await PortalPages.SignInAsync(page, account.Email, PortalFactory.Password);

        await page.GotoAsync("/Account/Manage/DeletePersonalData");
        await page.Locator("#Input\\.Password").FillAsync(PortalFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("Delete data") }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await http.GetAsync(browser.RootUrl + "/api/v1/me")).StatusCode);
    }
}
