using System.Text.RegularExpressions;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Compliance;
using ApexAgent.Portal.Features.Demo;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ApexAgent.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class AuditLogJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_owner_reads_filters_and_verifies_the_log_and_sees_an_altered_entry_named()
    {
        var account = await browser.Portal.CreateAccountAsync(TierCode.Pro);
        var key = await browser.Portal.IssueKeyAsync(account, [Permission.ProfileRead]);
        var page = await browser.NewPageAsync();
        await PortalPages.SignInAsync(page, account.Email, PortalFactory.Password);
        await PortalPages.WaitForInteractiveAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/audit$"));
        var table = page.Locator("#audit-table");
        await Expect(table).ToContainTextAsync("Signed in");
        await Expect(table).ToContainTextAsync("API key created");
        await Expect(table).ToContainTextAsync("127.0.0.1");
        await Expect(table).ToContainTextAsync(account.Email);
        await BrowserFixture.ScreenshotAsync(page, "audit-log");

        var keyRow = page.Locator("tr.audit-row", new() { HasText = "API key created" });
        await keyRow.Locator("button").First.ClickAsync();
        var details = page.Locator(".audit-details").First;
        await Expect(details).ToContainTextAsync(key.Key.Prefix);
        await Expect(details).ToContainTextAsync("test key");
        await BrowserFixture.ScreenshotAsync(page, "audit-log-entry");

        await page.Locator("#filter-action").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "API key created", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("action=apikey\\.created"));
        await Expect(table.Locator("tr.audit-row")).ToHaveCountAsync(1);

        await page.ClickAsync("#verify-chain");
        var entries = await browser.Portal.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.ChainId == account.OrganizationId));
        await Expect(page.Locator("#verification-result")).ToContainTextAsync($"Intact: {entries} entries verified");
        await BrowserFixture.ScreenshotAsync(page, "audit-log-verified");

        var original = await browser.Portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.ChainId == account.OrganizationId && e.Sequence == 2));
        await browser.Portal.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE AuditEntries SET After = '{{\"role\":\"Owner\"}}' WHERE Id = {original.Id}"));
        try
        {
            await page.ClickAsync("#verify-chain");
            await Expect(page.Locator("#verification-result")).ToContainTextAsync("Entry #2 was altered");
            await BrowserFixture.ScreenshotAsync(page, "audit-log-altered");
        }
        finally
        {
            await browser.Portal.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE AuditEntries SET After = {original.After} WHERE Id = {original.Id}"));
        }
    }

    [Fact]
    public async Task A_platform_admin_reads_every_organisations_log_and_verifies_them_all()
    {
        var page = await browser.NewPageAsync();
        await PortalPages.SignInAsync(page, DemoAccount.PlatformAdmin.Email, "Demo-password-2026");
        await PortalPages.GotoInteractiveAsync(page, "/audit");

        await page.GetByLabel("All organisations").CheckAsync();
        await Expect(page).ToHaveURLAsync(new Regex("all=true"));
        await Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Organisation" })).ToBeVisibleAsync();
        await page.ClickAsync("#verify-chain");

        await Expect(page.Locator("#verification-result")).ToContainTextAsync(new Regex("Intact: all \\d+ logs verified"));
        await Expect(page.Locator("#verification-table")).ToContainTextAsync(ApexAgent.Portal.Features.Audit.AuditLogService.PlatformName);
        await Expect(page.Locator("#verification-table")).ToContainTextAsync("Pat Pro's workspace");

        await page.GetByLabel("All organisations").UncheckAsync();
        await page.Locator("#filter-org").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Pat Pro's workspace" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("org=[0-9a-f-]{36}"));
        await Expect(page.Locator("#audit-table")).ToContainTextAsync("Subscription started");
        await page.ClickAsync("#verify-chain");
        await Expect(page.Locator("#verification-result")).ToContainTextAsync(new Regex("Intact: \\d+ entries verified"));
        await BrowserFixture.ScreenshotAsync(page, "audit-log-all-organisations");
    }
}
