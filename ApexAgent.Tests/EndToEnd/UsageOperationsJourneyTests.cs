using System.Text.RegularExpressions;
using ApexAgent.Domain.Credits;
using ApexAgent.Portal.Features.Credits.Usage;
using ApexAgent.Portal.Features.Demo;
using ApexAgent.Tests.Portal.Credits;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ApexAgent.Tests.EndToEnd;

/// <summary>ApexAgent staff at /admin/credits/usage: find an organisation, see its usage, reverse one event with a reason.</summary>
[Collection(BrowserCollection.Name)]
public sealed class UsageOperationsJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_platform_admin_reverses_a_usage_event_with_a_reason()
    {
        var portal = browser.Portal;
        var customer = await CreditsTestData.NewAccountWithoutCreditsAsync(portal);
        await CreditsTestData.GiveAsync(portal, customer.OrganizationId, GrantKind.Base, 100, TimeSpan.FromDays(30));
        var meter = portal.Get<UsageMeter>();
        var now = portal.Now;
        foreach (var (id, feature, price) in new[] { ("task-1-step", "agent.step", 4_000L), ("task-1-browser", "browser.minute", 6_000L), ("task-2-image", "image.generation", 20_000L) })
        {
            var outcome = await meter.RecordAsync(new UsageSubmission(customer.OrganizationId, id, feature, price / 2, customer.UserId, null, now, 1, price, null), CancellationToken.None);
            Assert.Equal(UsageOutcomeKind.Accepted, outcome.Kind);
        }

        var page = await browser.NewPageAsync();
        await PortalPages.SignInAsync(page, DemoAccount.PlatformAdmin.Email, new DemoOptions().Password);
        await PortalPages.WaitForInteractiveAsync(page);
        await page.Locator(".mud-navmenu").GetByRole(AriaRole.Link, new() { Name = "Usage operations" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/credits/usage$"));
        await PortalPages.WaitForInteractiveAsync(page);
        await Expect(page.GetByText("Search for an organisation")).ToBeVisibleAsync();

        await page.Locator("#usage-org-search").FillAsync(customer.Email);
        var result = page.Locator($"tr.usage-org-row[data-org='{customer.OrganizationId}']");
        await Expect(page.Locator("tr.usage-org-row")).ToHaveCountAsync(1);
        await result.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"org={customer.OrganizationId}"));
        await Expect(page.Locator("#usage-balance")).ToHaveTextAsync("70 credits available");
        await Expect(page.Locator("tr.usage-event-row")).ToHaveCountAsync(3);
        await Expect(page.Locator("tr.usage-event-row").First).ToContainTextAsync("task-2-image"); // newest first
        await BrowserFixture.ScreenshotAsync(page, "usage-operations");

        var row = page.Locator("tr.usage-event-row[data-event='task-1-browser']");
        await Expect(row).ToContainTextAsync("6 credits");
        await Expect(row).ToContainTextAsync(customer.Email);
        await row.Locator(".reverse-usage").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Gives back 6 credits for browser.minute");
        await Expect(dialog.Locator("#reverse-confirm")).ToBeDisabledAsync();
        await dialog.Locator("#reverse-reason").FillAsync("Browser sandbox crashed on our side (incident 412)");
        await BrowserFixture.ScreenshotAsync(page, "usage-operations-reverse");
        await dialog.Locator("#reverse-confirm").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("6 credits given back");
        await Expect(page.Locator("#usage-balance")).ToHaveTextAsync("76 credits available");
        await Expect(row.Locator(".usage-reversed")).ToBeVisibleAsync();
        await Expect(row.Locator(".reverse-usage")).ToHaveCountAsync(0);

        var stored = await portal.WithDbAsync(db => db.UsageEvents.AsNoTracking().SingleAsync(u => u.OrganizationId == customer.OrganizationId && u.EventId == "task-1-browser"));
        Assert.Equal("Browser sandbox crashed on our side (incident 412)", stored.ReversalReason);
        Assert.True(await portal.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.OrganizationId == customer.OrganizationId && a.Action == UsageReversals.AuditAction)));

        await page.SetViewportSizeAsync(390, 844);
        await BrowserFixture.ScreenshotAsync(page, "usage-operations-mobile");
    }

    [Fact]
    public async Task A_customer_does_not_see_or_reach_usage_operations()
    {
        var owner = await browser.Portal.CreateAccountAsync();
        var page = await browser.NewPageAsync();
        await PortalPages.SignInAsync(page, owner.Email, PortalFactory.Password);
        await PortalPages.WaitForInteractiveAsync(page);

        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Usage operations" })).ToHaveCountAsync(0);
        await page.GotoAsync($"/admin/credits/usage?org={owner.OrganizationId}");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/AccessDenied"));
        await Expect(page.Locator("tr.usage-event-row")).ToHaveCountAsync(0);
    }
}
