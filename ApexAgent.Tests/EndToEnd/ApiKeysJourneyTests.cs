using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ApexAgent.Domain.Catalog;
using ApexAgent.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ApexAgent.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class ApiKeysJourneyTests(BrowserFixture browser)
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task A_customer_creates_a_key_sees_it_once_uses_it_and_revocation_stops_it_at_once()
    {
        var account = await browser.Portal.CreateAccountAsync();
        var page = await browser.NewPageAsync();
        await PortalPages.SignInAsync(page, account.Email, PortalFactory.Password);
        await PortalPages.GotoInteractiveAsync(page, "/api-keys");
        await Expect(page.GetByText("No API keys yet — create one")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "api-keys-empty");

        await page.ClickAsync("#create-first-key");
        await page.Locator("#key-name").FillAsync("Build server");
        await Expect(LiveMode(page)).ToBeDisabledAsync(); // Free: test keys only
        await BrowserFixture.ScreenshotAsync(page, "api-keys-create-dialog");
        await page.ClickAsync("#create-key-submit");

        var secret = (await page.Locator("#secret-value").InnerTextAsync()).Trim();
        Assert.StartsWith("apx_test_", secret, StringComparison.Ordinal);
        await Expect(page.Locator("#keys-table")).ToContainTextAsync("Build server");
        await BrowserFixture.ScreenshotAsync(page, "api-keys-created");

        var me = await CallMeAsync(secret);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(account.Email, JsonDocument.Parse(await me.Content.ReadAsStringAsync()).RootElement.GetProperty("user").GetProperty("email").GetString());

        await page.ReloadAsync();
        await PortalPages.WaitForInteractiveAsync(page);
        await Expect(page.Locator("#keys-table")).ToContainTextAsync(secret[..15]);
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke Build server" }).ClickAsync();
        await Expect(page.GetByText("Every request that uses")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "api-keys-revoke-confirm");
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke key" }).ClickAsync();
        await Expect(page.GetByText("It stopped working immediately")).ToBeVisibleAsync();

        var after = await CallMeAsync(secret);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("api_key_revoked", await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await page.GetByLabel("Show revoked and expired").CheckAsync();
        await Expect(page.Locator(".key-revoked")).ToContainTextAsync("Build server");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("all=true"));
    }

    [Fact]
    public async Task A_pro_customer_creates_a_live_key_and_rotates_it()
    {
        var account = await browser.Portal.CreateAccountAsync(TierCode.Pro);
        var page = await browser.NewPageAsync();
        await PortalPages.SignInAsync(page, account.Email, PortalFactory.Password);
        await PortalPages.GotoInteractiveAsync(page, "/api-keys");

        await page.ClickAsync("#create-first-key");
        await page.Locator("#key-name").FillAsync("Production sync");
        await LiveMode(page).CheckAsync();
        await Scope(page, "apikeys.read").CheckAsync();
        await page.ClickAsync("#create-key-submit");
        var first = (await page.Locator("#secret-value").InnerTextAsync()).Trim();
        Assert.StartsWith("apx_live_", first, StringComparison.Ordinal);
        await page.ClickAsync("#dismiss-secret");

        await page.GetByRole(AriaRole.Button, new() { Name = "Rotate Production sync" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Rotate key" }).ClickAsync();
        var second = (await page.Locator("#secret-value").InnerTextAsync()).Trim();

        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.OK, (await CallMeAsync(first)).StatusCode);  // grace period
        Assert.Equal(HttpStatusCode.OK, (await CallMeAsync(second)).StatusCode);
        await Expect(page.Locator(".key-active")).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task A_key_without_a_name_is_not_created_and_the_dialog_explains_why()
    {
        var account = await browser.Portal.CreateAccountAsync(TierCode.Pro);
        var page = await browser.NewPageAsync();
        await PortalPages.SignInAsync(page, account.Email, PortalFactory.Password);
        await PortalPages.GotoInteractiveAsync(page, "/api-keys");

        await page.ClickAsync("#create-first-key");
        await Scope(page, "account.profile.read").UncheckAsync();
        await page.ClickAsync("#create-key-submit");

        await Expect(page.Locator("#create-key-error")).ToContainTextAsync("Check the highlighted fields");
        await Expect(page.GetByText("Choose at least one scope.")).ToBeVisibleAsync();
        Assert.Equal(0, await browser.Portal.WithDbAsync(db => Task.FromResult(db.ApiKeys.Count(k => k.UserId == account.UserId))));
    }

    private static ILocator LiveMode(IPage page) => page.GetByRole(AriaRole.Radio, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Live") });

    private static ILocator Scope(IPage page, string scope) => page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(scope) + " ") });

    private async Task<HttpResponseMessage> CallMeAsync(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, browser.RootUrl + "/api/v1/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await Http.SendAsync(request);
    }
}
