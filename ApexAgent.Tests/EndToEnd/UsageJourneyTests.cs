using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Credits;
using ApexAgent.Portal.Features.Credits;
using ApexAgent.Tests.Portal.Credits;
using ApexAgent.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ApexAgent.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class UsageJourneyTests(BrowserFixture browser)
{
    private static readonly string Shots = "/tmp/shots/analytics";

    [Fact]
    public async Task An_owner_reads_the_dashboard_sets_a_threshold_and_sees_the_low_balance_notice_arrive_without_a_reload()
    {
        var portal = browser.Portal;
        var account = await portal.CreateAccountAsync(TierCode.Pro);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var random = new Random(3);
        string[] features = ["agent.step", "llm.tokens.standard", "browser.minute", "image.generation"];
        await UsageSeed.DaysAsync(portal, account.OrganizationId, Enumerable.Range(0, 30).SelectMany(i => features.Select(f =>
            (today.AddDays(-i), f, random.Next(4) == 0 ? "" : account.UserId, (long)random.Next(0, 120_000) * (today.AddDays(-i).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 1 : 4)))));
        var hour = DateTimeOffset.UtcNow;
        hour = new DateTimeOffset(hour.Year, hour.Month, hour.Day, hour.Hour, 0, 0, TimeSpan.Zero);
        await portal.WithDbAsync(db =>
        {
            for (var h = 0; h < 24; h++)
            {
                db.UsageHours.Add(new UsageHour { OrganizationId = account.OrganizationId, Hour = hour.AddHours(-h), Feature = "agent.step", Events = h + 1, Used = random.Next(1_000, 30_000) });
            }

            return db.SaveChangesAsync();
        });
        var grant = await UsageSeed.GrantAsync(portal, account.OrganizationId, GrantKind.Purchased, 5_000_000, DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddDays(300));
        var page = await browser.NewPageAsync();
        await PortalPages.SignInAsync(page, account.Email, PortalFactory.Password);
        await PortalPages.WaitForInteractiveAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Usage", Exact = true }).ClickAsync();
        await Expect(page.Locator("#kpi-used")).Not.ToHaveTextAsync("0");
        await Expect(page.Locator("#forecast-sentence")).ToContainTextAsync("At your current pace");
        await Expect(page.Locator("#chart-by-feature svg").First).ToBeVisibleAsync();
        await Expect(page.Locator("#table-by-kind")).ToContainTextAsync("Purchased");
        await Snap(page, "usage-desktop");

        var available = (await portal.Get<CreditBalances>().GetAsync(account.OrganizationId, CancellationToken.None)).Available;
        var threshold = available.Credits - 100;
        await page.GetByLabel("Threshold (credits)").FillAsync(threshold.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.ClickAsync("#alert-save");
        await Expect(page.Locator("#alert-status")).ToContainTextAsync("Armed at");
        await Expect(page.Locator("#notification-bell")).ToHaveAttributeAsync("aria-label", "Notifications, 0 unread");

        await UsageSeed.UseAsync(portal, grant.Id, 250_000, DateTimeOffset.UtcNow);
        portal.Get<CreditFeed>().Publish(account.OrganizationId, available - new Millicredits(250_000), DateTimeOffset.UtcNow, "usage");

        await Expect(page.Locator("#notification-bell")).ToHaveAttributeAsync("aria-label", "Notifications, 1 unread", new() { Timeout = 10_000 });
        await page.ClickAsync("#notification-bell");
        await Expect(page.Locator(".notification-item").First).ToContainTextAsync("Credits under");
        await Snap(page, "usage-notification");
        await page.Keyboard.PressAsync("Escape");

        await page.GotoAsync("/usage/utilisation");
        await PortalPages.WaitForInteractiveAsync(page);
        await Expect(page.Locator("#util-members")).ToContainTextAsync(account.Email);
        await Snap(page, "utilisation-desktop");

        var phone = await browser.NewPageAsync(390, 844);
        await PortalPages.SignInAsync(phone, account.Email, PortalFactory.Password);
        await PortalPages.GotoInteractiveAsync(phone, "/usage");
        await Expect(phone.Locator("#kpi-used")).ToBeVisibleAsync();
        await Snap(phone, "usage-phone");
    }

    [Fact]
    public async Task A_new_organisation_sees_how_to_send_usage()
    {
        var account = await browser.Portal.CreateAccountAsync(TierCode.Pro);
        var page = await browser.NewPageAsync();
        await PortalPages.SignInAsync(page, account.Email, PortalFactory.Password);
        await PortalPages.GotoInteractiveAsync(page, "/usage");

        await Expect(page.Locator("#usage-empty")).ToContainTextAsync("No usage yet");
        await Expect(page.Locator("#usage-example")).ToContainTextAsync("/api/v1/usage");
        await Snap(page, "usage-empty");
    }

    private static async Task Snap(IPage page, string name)
    {
        Directory.CreateDirectory(Shots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, name + ".png"), FullPage = true });
        await BrowserFixture.ScreenshotAsync(page, name);
    }
}
