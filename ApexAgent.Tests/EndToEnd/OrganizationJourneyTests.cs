using System.Text.RegularExpressions;
using ApexAgent.Domain.Accounts;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ApexAgent.Tests.EndToEnd;

/// <summary>
/// Organisations as people click through them: an admin invites a colleague who accepts through the mailed link,
/// and support staff open a read-only, time-limited view of a customer's portal and leave it again.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OrganizationJourneyTests(BrowserFixture browser)
{
    /// <summary>Mail is delivered by a background job and the mailbox refreshes every two seconds.</summary>
    private static readonly LocatorAssertionsToContainTextOptions MailArrives = new() { Timeout = 15_000 };

    [Fact]
    public async Task An_admin_invites_a_newcomer_to_a_team_who_accepts_through_the_mailed_link()
    {
        var scenario = await OrganizationScenario.CreateAsync(browser.Portal);
        var newcomer = $"grace-{Guid.NewGuid():N}@example.test";

        // The admin opens Members from the navigation and invites an address that has no account yet.
        var admin = await browser.NewPageAsync();
        await PortalPages.SignInAsync(admin, scenario.Admin.Email, PortalFactory.Password);
        await PortalPages.WaitForInteractiveAsync(admin);
        await Expect(admin.Locator("#current-organization")).ToContainTextAsync("Acme Robotics");
        await Navigation(admin).GetByRole(AriaRole.Link, new() { Name = "Members", Exact = true }).ClickAsync();
        await Expect(admin).ToHaveURLAsync(new Regex("/organization/members$"));
        await Expect(admin.Locator("#members-table")).ToContainTextAsync(scenario.PlatformMember.Email);

        await admin.Locator("#add-member").ClickAsync();
        var dialog = admin.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Add a member");
        await admin.Locator("#member-email").FillAsync(newcomer);
        await Select(admin, "member-role").ClickAsync();
        await admin.GetByRole(AriaRole.Option, new() { Name = "Member: their own keys, usage and profile", Exact = true }).ClickAsync();
        await Select(admin, "member-place").ClickAsync();
        await admin.GetByRole(AriaRole.Option, new() { Name = "Engineering › Platform", Exact = true }).ClickAsync();
        await Expect(Select(admin, "member-place")).ToHaveTextAsync("Engineering › Platform");
        await BrowserFixture.ScreenshotAsync(admin, "members-add-dialog");
        await admin.Locator("#member-submit").ClickAsync();

        await Expect(admin.Locator(".mud-snackbar")).ToContainTextAsync($"Invitation sent to {newcomer}. It expires in 7 days.");
        await Expect(dialog).ToHaveCountAsync(0);
        var pending = admin.Locator("#invitations-table tbody tr").Filter(new() { HasText = newcomer });
        await Expect(pending).ToContainTextAsync("Engineering › Platform");
        await Expect(admin.Locator("#seat-usage")).ToContainTextAsync("1 invited");
        await BrowserFixture.ScreenshotAsync(admin, "members-invited");

        // The newcomer finds the mail and opens the link before signing in.
        var invitee = await browser.NewPageAsync();
        await PortalPages.GotoInteractiveAsync(invitee, "/dev/mailbox?to=" + Uri.EscapeDataString(newcomer));
        await Expect(invitee.Locator("#mail-view")).ToContainTextAsync("invited you to Acme Robotics on ApexAgent", MailArrives);
        await Expect(invitee.Locator("#mail-view")).ToContainTextAsync("as Member in Engineering › Platform");
        var link = await invitee.Locator(".mail-link").Filter(new() { HasText = "/invitations/" }).GetAttributeAsync("href");
        Assert.StartsWith(browser.RootUrl + "/invitations/", link, StringComparison.Ordinal);

        await PortalPages.GotoInteractiveAsync(invitee, link!);
        await Expect(invitee.Locator("#page-title")).ToHaveTextAsync("Join Acme Robotics");
        await Expect(invitee.Locator("#invitation-place")).ToHaveTextAsync("Engineering › Platform");
        await Expect(invitee.GetByText("Sign in, or create an account with " + newcomer)).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(invitee, "invitation-signed-out");

        // They create their account (registration is covered by AccountJourneyTests), then sign in from the invitation.
        await browser.Portal.CreateAccountAsync(email: newcomer);
        await invitee.Locator("#sign-in-to-accept").ClickAsync();
        await Expect(invitee).ToHaveURLAsync(new Regex("/Account/Login\\?ReturnUrl="));
        await PortalPages.SubmitSignInAsync(invitee, newcomer, PortalFactory.Password);
        await Expect(invitee).ToHaveURLAsync(new Regex("/invitations/[^/?]+$"));
        await PortalPages.WaitForInteractiveAsync(invitee);
        await Expect(invitee.GetByText("You are signed in as")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(invitee, "invitation-signed-in");

        await invitee.Locator("#accept-invitation").ClickAsync();
        await Expect(invitee).ToHaveURLAsync(new Regex("/organization\\?joined=true$"));
        await PortalPages.WaitForInteractiveAsync(invitee);
        await Expect(invitee.Locator("#page-title")).ToHaveTextAsync("Acme Robotics");
        await Expect(invitee.Locator(".page-header")).ToContainTextAsync("you are Member in Engineering › Platform");
        await Expect(invitee.Locator("#current-organization")).ToContainTextAsync("Acme Robotics");
        await BrowserFixture.ScreenshotAsync(invitee, "organization-joined");

        // On a phone the organisation chip shrinks to its icon, so the account menu stays on screen.
        await invitee.SetViewportSizeAsync(390, 844);
        await Expect(invitee.GetByRole(AriaRole.Button, new() { Name = "Account menu" })).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(invitee.Locator("#current-organization")).ToHaveAttributeAsync("title", "Acting for Acme Robotics. Switch organisation");
        await BrowserFixture.ScreenshotAsync(invitee, "organization-joined-phone");
        await invitee.SetViewportSizeAsync(1366, 900);

        // The link works once.
        await PortalPages.GotoInteractiveAsync(invitee, link!);
        await Expect(invitee.Locator("#invitation-closed")).ToContainTextAsync("already used");
        await Expect(invitee.Locator("#accept-invitation")).ToHaveCountAsync(0);

        // The admin sees the newcomer among the members, where they were invited to, and no longer waiting.
        await admin.ReloadAsync();
        await PortalPages.WaitForInteractiveAsync(admin);
        var row = admin.Locator("#members-table .member-row").Filter(new() { HasText = newcomer });
        await Expect(row).ToContainTextAsync("Member");
        await Expect(row).ToContainTextAsync("Engineering › Platform");
        await Expect(admin.Locator("#invitations-table")).ToHaveCountAsync(0);
        await Expect(admin.Locator("#seat-usage")).Not.ToContainTextAsync("invited");

        var membership = await browser.Portal.WithDbAsync(db => db.Memberships.AsNoTracking()
            .SingleAsync(m => m.OrganizationId == scenario.OrganizationId && db.Users.Any(u => u.Id == m.UserId && u.Email == newcomer)));
        Assert.Equal(OrganizationRole.Member, membership.Role);
        Assert.Equal(scenario.Platform, membership.UnitId);
    }

    [Fact]
    public async Task Support_views_a_customer_read_only_with_a_reason_and_a_visible_time_limit_then_exits()
    {
        var scenario = await OrganizationScenario.CreateAsync(browser.Portal);
        var customer = scenario.PlatformMember;
        var staff = await browser.Portal.CreateAccountAsync(role: PlatformRole.Support);

        var page = await browser.NewPageAsync();
        await PortalPages.SignInAsync(page, staff.Email, PortalFactory.Password);
        await PortalPages.WaitForInteractiveAsync(page);
        await Navigation(page).GetByRole(AriaRole.Link, new() { Name = "Support", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/support$"));
        await Expect(page.GetByText("Search for a customer")).ToBeVisibleAsync();

        await page.Locator("#support-search").FillAsync(customer.Email);
        await Expect(page).ToHaveURLAsync(new Regex("/support\\?q="));
        var viewAs = page.GetByRole(AriaRole.Button, new() { Name = $"View as {customer.Email} in Acme Robotics", Exact = true });
        await Expect(viewAs).ToHaveTextAsync("View as customer");
        await BrowserFixture.ScreenshotAsync(page, "support-search");
        await viewAs.ClickAsync();

        // No reason, or too short a reason: explained, and no view starts.
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("read-only, for 30 minutes");
        await page.Locator("#start-support-view").ClickAsync();
        await Expect(page.Locator("#support-view-error")).ToContainTextAsync("Say why you need to see this account");
        await page.Locator("#support-reason").FillAsync("help");
        await page.Locator("#start-support-view").ClickAsync();
        await Expect(page.Locator("#support-view-error")).ToContainTextAsync("10 to 500 characters");
        await Expect(dialog).ToBeVisibleAsync();
        Assert.Equal(0, await browser.Portal.WithDbAsync(db => db.SupportViews.CountAsync(v => v.SupportUserId == staff.UserId)));
        await BrowserFixture.ScreenshotAsync(page, "support-reason-required");

        const string reason = "Ticket 4821: customer cannot create an API key";
        await page.Locator("#support-reason").FillAsync(reason);
        await page.Locator("#start-support-view").ClickAsync();

        // The dashboard, as the customer sees it, under the banner.
        await Expect(page).ToHaveURLAsync(new Regex("/$"));
        await PortalPages.WaitForInteractiveAsync(page);
        await ExpectBannerAsync(page, customer.Email, reason);
        await Expect(page.Locator("#current-organization")).ToContainTextAsync("Acme Robotics");
        await BrowserFixture.ScreenshotAsync(page, "support-view-dashboard");

        // API keys, reached from the navigation: creating one is refused, and nothing is stored.
        await Navigation(page).GetByRole(AriaRole.Link, new() { Name = "API keys", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/api-keys$"));
        await ExpectBannerAsync(page, customer.Email, reason);
        await page.Locator("#create-first-key").ClickAsync();
        await page.Locator("#key-name").FillAsync("Support was here");
        await page.Locator("#create-key-submit").ClickAsync();
        await Expect(page.Locator("#create-key-error")).ToHaveTextAsync("This is a read-only support view of the customer's account: nothing can be changed here.");
        await BrowserFixture.ScreenshotAsync(page, "support-view-api-key-refused");
        Assert.Equal(0, await browser.Portal.WithDbAsync(db => db.ApiKeys.CountAsync(k => k.UserId == customer.UserId || k.UserId == staff.UserId)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true }).ClickAsync();
        await Expect(page.GetByText("No API keys yet — create one")).ToBeVisibleAsync();

        // A fresh page load keeps the view: the organisation page, as the customer sees it.
        await PortalPages.GotoInteractiveAsync(page, "/organization");
        await ExpectBannerAsync(page, customer.Email, reason);
        await Expect(page.Locator(".page-header")).ToContainTextAsync("you are Member in Engineering › Platform");
        await Expect(page.Locator("#rename-organization")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "support-view-organization");
        await page.SetViewportSizeAsync(800, 900);
        await Expect(page.Locator("#exit-support-view")).ToBeInViewportAsync();
        await BrowserFixture.ScreenshotAsync(page, "support-view-organization-narrow");
        await page.SetViewportSizeAsync(1366, 900);

        // Exit: back to the support page as staff, and the banner is gone.
        await page.Locator("#exit-support-view").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/support$"));
        await PortalPages.WaitForInteractiveAsync(page);
        await Expect(page.Locator("#page-title")).ToHaveTextAsync("Support");
        await Expect(page.Locator("#support-banner")).ToHaveCountAsync(0);
        await Expect(page.Locator("#current-organization")).Not.ToContainTextAsync("Acme Robotics");

        var view = await browser.Portal.WithDbAsync(db => db.SupportViews.AsNoTracking().SingleAsync(v => v.SupportUserId == staff.UserId));
        Assert.Equal(customer.UserId, view.CustomerUserId);
        Assert.Equal(scenario.OrganizationId, view.OrganizationId);
        Assert.Equal(reason, view.Reason);
        Assert.NotNull(view.EndedAt);

        // The customer's organisation sees in its audit log that support looked, at which pages, and why.
        var owner = await browser.NewPageAsync();
        await PortalPages.SignInAsync(owner, scenario.Owner.Email, PortalFactory.Password);
        await PortalPages.GotoInteractiveAsync(owner, "/audit?action=support_view.started");
        var started = owner.Locator("#audit-table tr.audit-row");
        await Expect(started).ToHaveCountAsync(1);
        await Expect(started).ToContainTextAsync(staff.Email);
        await PortalPages.GotoInteractiveAsync(owner, "/audit?action=support_view.page_viewed");
        await Expect(owner.Locator("#audit-table tr.audit-row")).ToHaveCountAsync(3); // the dashboard, API keys and the organisation page
        await owner.Locator("#audit-table tr.audit-row").First.Locator("button").First.ClickAsync();
        await Expect(owner.Locator(".audit-details").First).ToContainTextAsync(reason);
        await BrowserFixture.ScreenshotAsync(owner, "audit-log-support-view");
        Assert.True(await browser.Portal.WithDbAsync(db => db.AuditEntries.AnyAsync(e =>
            e.ChainId == scenario.OrganizationId && e.Action == "support_view.page_viewed" && e.ActorUserId == customer.UserId && e.ImpersonatorUserId == staff.UserId && e.Reason == reason)));
    }

    private static ILocator Navigation(IPage page) => page.Locator(".mud-navmenu");

    /// <summary>The visible part of a MudSelect: its id lands on a hidden input inside.</summary>
    private static ILocator Select(IPage page, string id) => page.Locator($"div.mud-input:has(> input#{id})");

    private static async Task ExpectBannerAsync(IPage page, string customerEmail, string reason)
    {
        var banner = page.Locator("#support-banner");
        await Expect(banner).ToBeVisibleAsync();
        await Expect(banner).ToContainTextAsync(customerEmail);
        await Expect(banner).ToContainTextAsync("Acme Robotics");
        await Expect(banner).ToContainTextAsync("read-only");
        await Expect(banner).ToContainTextAsync(reason);
        await Expect(page.Locator("#support-time-left")).ToHaveTextAsync(new Regex("^29:[0-5][0-9] left$"));

        // On a wide screen it is one band: the text wraps beside the icon, the time and exit stay on its right.
        var box = await banner.BoundingBoxAsync();
        Assert.InRange(box!.Height, 20, 90);
    }
}
