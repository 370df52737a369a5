using ApexAgent.Domain.Accounts;
using ApexAgent.Portal.Features.Demo;
using ApexAgent.Tests.Portal.Verification;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ApexAgent.Tests.EndToEnd;

/// <summary>Support pages through a long verification queue, filtered on the server, with a count.</summary>
[Collection(BrowserCollection.Name)]
public sealed class VerificationQueueJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Support_filters_the_verification_queue_and_pages_through_it()
    {
        var organization = await browser.Portal.CreateAccountAsync();
        var name = $"Paging Hospital {Guid.NewGuid():N}"[..24];
        // Decided long after anything else (so first in the Rejected view), and never in the default open view other tests use.
        await VerificationQueuePagingTests.SeedAsync(browser.Portal, organization.OrganizationId, 90210, 32, name, VerificationStatus.Rejected, AccountType.Healthcare, new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var expected = await browser.Portal.WithDbAsync(db => db.VerificationApplications.AsNoTracking()
            .Where(a => a.Status == VerificationStatus.Rejected && a.Type == AccountType.Healthcare).ToListAsync());
        var order = expected.OrderByDescending(a => a.UpdatedAt).Select(a => a.LegalName).ToList();

        var page = await browser.NewPageAsync();
        await PortalPages.SignInAsync(page, DemoAccount.Support.Email, new DemoOptions().Password);
        await PortalPages.GotoInteractiveAsync(page, "/admin/verifications?status=Rejected&type=Healthcare");
        await Expect(page.Locator("#queue-count")).ToHaveTextAsync($"{expected.Count:N0} applications");
        var rows = page.Locator("#verification-queue tr.verification-row");
        await Expect(rows).ToHaveCountAsync(25);
        await Expect(rows.First).ToContainTextAsync(order[0]);
        await Expect(rows.Nth(24)).ToContainTextAsync(order[24]);
        await BrowserFixture.ScreenshotAsync(page, "verification-queue-page-1");

        await page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        await Expect(rows.First).ToContainTextAsync(order[25]);
        await Expect(rows).ToHaveCountAsync(Math.Min(25, order.Count - 25));
        await BrowserFixture.ScreenshotAsync(page, "verification-queue-page-2");

        // Another filter: the count follows, and the seeded rejections are not in the open queue.
        await PortalPages.GotoInteractiveAsync(page, "/admin/verifications");
        var open = await browser.Portal.WithDbAsync(db => db.VerificationApplications.CountAsync(a => a.Status == VerificationStatus.Submitted || a.Status == VerificationStatus.MoreInformationRequested));
        await Expect(page.Locator("#queue-count")).ToHaveTextAsync($"{open:N0} application{(open == 1 ? "" : "s")} open");
        await Expect(page.Locator("#verification-queue")).Not.ToContainTextAsync(name);
        await page.SetViewportSizeAsync(390, 844);
        await PortalPages.GotoInteractiveAsync(page, "/admin/verifications?status=Rejected&type=Healthcare");
        await Expect(rows.First).ToContainTextAsync(order[0]);
        await BrowserFixture.ScreenshotAsync(page, "verification-queue-mobile");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "verification-queue-mobile-screen.png") });
    }
}
