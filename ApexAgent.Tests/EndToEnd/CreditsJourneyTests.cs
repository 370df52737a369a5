using System.Net.Http.Json;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Credits;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Credits;
using ApexAgent.Tests.Portal.Credits;
using ApexAgent.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ApexAgent.Tests.EndToEnd;

/// <summary>
/// The live balance as a customer watches it: credits granted while /credits or the dashboard is open appear within a
/// second, without a reload; and a platform admin saving a rate card version.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CreditsJourneyTests(BrowserFixture browser)
{
    private static readonly string ShotFolder = Path.Combine(Path.GetTempPath(), "shots", "credits-live");
    private static readonly LocatorAssertionsToHaveTextOptions WithinASecond = new() { Timeout = 1_000 };

    [Fact]
    public async Task A_grant_appears_on_the_open_credits_page_and_dashboard_within_a_second_without_reload()
    {
        var owner = await CreditsTestData.NewAccountWithoutCreditsAsync(browser.Portal, TierCode.Pro);
        var page = await SignInAsync(owner.Email);

        await PortalPages.GotoInteractiveAsync(page, "/credits");
        var value = page.Locator("[data-testid='live-balance-value']");
        await Expect(value).ToHaveTextAsync("0");
        await Expect(page.GetByText("No credits yet")).ToBeVisibleAsync();
        await ShotAsync(page, "credits-empty");
        var navigations = await WatchNavigationsAsync(page);

        await GiveAsync(owner.OrganizationId, GrantKind.Promotional, 1_234_500, "promo:live-1", "Welcome gift");
        await Expect(value).ToHaveTextAsync("1,234.5", WithinASecond);
        await Expect(page.Locator("[data-testid='grants']")).ToContainTextAsync("Welcome gift");
        await Expect(page.Locator("[data-testid='ledger']")).ToContainTextAsync("granted: Welcome gift");

        await GiveAsync(owner.OrganizationId, GrantKind.DailyRefresh, 300_000, "daily:live-1", "Daily refresh");
        await Expect(value).ToHaveTextAsync("1,534.5", WithinASecond);
        await Expect(page.Locator("[data-testid='balance-by-kind']")).ToContainTextAsync("Daily refresh 300");
        Assert.Equal(navigations, await NavigationsAsync(page));
        await ShotAsync(page, "credits");

        await PortalPages.GotoInteractiveAsync(page, "/");
        var dashboardValue = page.Locator("#balance-card [data-testid='live-balance-value']");
        await Expect(dashboardValue).ToHaveTextAsync("1,534.5");
        navigations = await WatchNavigationsAsync(page);
        await GiveAsync(owner.OrganizationId, GrantKind.Purchased, 1_000_000, "pack:live-1", "1,000 credit pack");
        await Expect(dashboardValue).ToHaveTextAsync("2,534.5", WithinASecond);
        Assert.Equal(navigations, await NavigationsAsync(page));
        await ShotAsync(page, "dashboard");

        var phone = await browser.NewPageAsync(390, 844);
        await PortalPages.SignInAsync(phone, owner.Email, PortalFactory.Password);
        await PortalPages.GotoInteractiveAsync(phone, "/credits");
        await Expect(phone.Locator("[data-testid='live-balance-value']")).ToHaveTextAsync("2,534.5");
        await ShotAsync(phone, "credits-390");
        await PortalPages.GotoInteractiveAsync(phone, "/credits?kind=granted");
        await Expect(phone.Locator("[data-testid='ledger']")).ToContainTextAsync("granted: Welcome gift");
        await PortalPages.GotoInteractiveAsync(phone, "/credits?kind=expired");
        await Expect(phone.GetByText("No entries match")).ToBeVisibleAsync();
        await PortalPages.GotoInteractiveAsync(phone, "/");
        await ShotAsync(phone, "dashboard-390");
    }

    [Fact]
    public async Task Usage_sent_through_the_api_while_the_dashboard_is_open_lowers_the_balance_within_a_second_without_reload()
    {
        var owner = await browser.Portal.CreateAccountAsync(TierCode.Pro); // Pro gives 5,000 base + 5,000 bonus at once
        using var api = new HttpClient { BaseAddress = new Uri(browser.RootUrl) };
        api.DefaultRequestHeaders.Authorization = new("Bearer", (await browser.Portal.IssueKeyAsync(owner, [Permission.UsageWrite])).Secret.Plaintext);
        var page = await SignInAsync(owner.Email);

        await PortalPages.GotoInteractiveAsync(page, "/");
        var value = page.Locator("#balance-card [data-testid='live-balance-value']");
        await Expect(value).ToHaveTextAsync("10,000");
        var navigations = await WatchNavigationsAsync(page);

        var sent = await api.PostAsJsonAsync("/api/v1/usage", new { eventId = "live-usage-1", feature = "agent.step", quantity = 3 });
        Assert.Equal(System.Net.HttpStatusCode.OK, sent.StatusCode);
        await Expect(value).ToHaveTextAsync("9,997", WithinASecond);

        var batch = await api.PostAsJsonAsync("/api/v1/usage/batch", new
        {
            events = new object[]
            {
                new { eventId = "live-usage-2", feature = "llm.tokens.standard", quantity = 1_500 },
                new { eventId = "live-usage-1", feature = "agent.step", quantity = 3 }, // the same event again: counted once
            },
        });
        Assert.Equal(System.Net.HttpStatusCode.OK, batch.StatusCode);
        await Expect(value).ToHaveTextAsync("9,994", WithinASecond);
        Assert.Equal(navigations, await NavigationsAsync(page));

        // The ledger on /credits names the grant each usage was paid from: the bonus expires with the first period, like
        // the base credits, and burns before them.
        await PortalPages.GotoInteractiveAsync(page, "/credits");
        await Expect(page.Locator("[data-testid='live-balance-value']")).ToHaveTextAsync("9,994");
        await Expect(page.Locator("[data-testid='ledger']")).ToContainTextAsync("agent.step");
        await Expect(page.Locator("[data-testid='ledger']")).ToContainTextAsync("from Pro first-period bonus");
        await ShotAsync(page, "credits-after-usage");
    }

    [Fact]
    public async Task A_platform_admin_saves_a_new_rate_card_version_after_seeing_the_diff()
    {
        var admin = await browser.Portal.CreateAccountAsync(role: PlatformRole.PlatformAdmin);
        var page = await SignInAsync(admin.Email);

        await PortalPages.GotoInteractiveAsync(page, "/admin/rate-card");
        await Expect(page.Locator("#current-card")).ToContainTextAsync("agent.step");
        var before = (await browser.Portal.Get<RateCards>().ReloadAsync(CancellationToken.None)).Versions.Count;
        var price = page.GetByLabel("Credits per unit of agent.step");
        await price.FillAsync("1.25");
        await price.BlurAsync();
        await Expect(page.Locator("#rate-card-diff")).ToContainTextAsync("agent.step: 1 → 1.25 credits");
        await page.Locator("#rate-card-note").FillAsync("Agent steps cost more");
        await ShotAsync(page, "rate-card");
        await page.Locator("#save-rate-card").ClickAsync();

        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync($"Version {before + 1} saved");
        await Expect(page.Locator("#versions")).ToContainTextAsync($"Version {before + 1} · upcoming");
        var saved = (await browser.Portal.Get<RateCards>().HistoryAsync(CancellationToken.None)).Versions[^1];
        Assert.Equal(1.25m, saved.RateOf("agent.step")!.PerUnit.Credits);
        Assert.True(saved.EffectiveFrom > browser.Portal.Now);

        var phone = await browser.NewPageAsync(390, 844);
        await PortalPages.SignInAsync(phone, admin.Email, PortalFactory.Password);
        await PortalPages.GotoInteractiveAsync(phone, "/admin/rate-card");
        await ShotAsync(phone, "rate-card-390");
    }

    private async Task<IPage> SignInAsync(string email)
    {
        var page = await browser.NewPageAsync();
        await PortalPages.SignInAsync(page, email, PortalFactory.Password);
        await PortalPages.WaitForInteractiveAsync(page);
        return page;
    }

    /// <summary>Marks the loaded document; a reload or navigation would lose the mark.</summary>
    private static async Task<string> WatchNavigationsAsync(IPage page)
    {
        var mark = Guid.NewGuid().ToString("N");
        await page.EvaluateAsync("mark => { window.__liveMark = mark; }", mark);
        return mark;
    }

    private static Task<string> NavigationsAsync(IPage page) => page.EvaluateAsync<string>("() => window.__liveMark ?? 'reloaded'");

    private async Task GiveAsync(Guid organizationId, GrantKind kind, long millicredits, string source, string description)
    {
        var portal = browser.Portal;
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = portal.Now;
        var given = await CreditBooks.GiveAsync(db, new GrantRequest(organizationId, kind, new Millicredits(millicredits), now.AddMinutes(-1), now.AddDays(30), source, description), now, CancellationToken.None);
        Assert.True(given.IsSuccess, given.Error?.Message);
        await db.SaveChangesAsync();
        var balance = await portal.Get<CreditBalances>().GetAsync(organizationId, CancellationToken.None);
        portal.Get<CreditFeed>().Publish(organizationId, balance.Available, now, "grant");
    }

    private static async Task ShotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ShotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ShotFolder, name + ".png"), FullPage = true });
        await BrowserFixture.ScreenshotAsync(page, "credits-" + name);
    }
}
