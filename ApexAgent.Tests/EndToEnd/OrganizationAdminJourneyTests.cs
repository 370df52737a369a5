using System.Net;
using System.Text.RegularExpressions;
using ApexAgent.Domain.Accounts;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ApexAgent.Tests.EndToEnd;

/// <summary>
/// Running an organisation as people click through it: the owner shapes departments and teams, an admin changes and
/// removes members while a department manager sees only their own part, and a person in two organisations switches
/// between them from the organisation chip.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OrganizationAdminJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_owner_adds_renames_and_deletes_a_department_and_its_team_and_cannot_delete_a_department_that_is_not_empty()
    {
        var scenario = await OrganizationScenario.CreateAsync(browser.Portal);
        var page = await browser.NewPageAsync();
        await PortalPages.SignInAsync(page, scenario.Owner.Email, PortalFactory.Password);
        await PortalPages.GotoInteractiveAsync(page, "/organization");
        await Expect(page.Locator("#page-title")).ToHaveTextAsync("Acme Robotics");
        await Expect(Stat(page, "Departments")).ToHaveTextAsync("2");
        await Expect(Stat(page, "Teams")).ToHaveTextAsync("1");
        await Expect(Chart(page)).ToHaveAttributeAsync("aria-label", new Regex("^Engineering: \\d+ members, Sales: \\d+ members$"));

        // A new department, named in the dialog.
        await page.Locator("#add-department").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("New department");
        await Expect(page.Locator("#name-submit")).ToBeDisabledAsync();
        await page.Locator("#name-input").FillAsync("Legal");
        await page.Locator("#name-submit").ClickAsync();
        await ExpectSnackbarAsync(page, "Legal was added.");
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(Unit(page, "Legal")).ToContainTextAsync("department");
        await Expect(Unit(page, "Legal")).ToContainTextAsync("0 members");
        await Expect(Stat(page, "Departments")).ToHaveTextAsync("3");
        await Expect(Chart(page)).ToHaveAttributeAsync("aria-label", new Regex(", Legal: 0 members"));
        await Expect(Chart(page).Locator("svg")).ToContainTextAsync("Legal");
        var legal = await browser.Portal.WithDbAsync(db => db.OrganizationUnits.AsNoTracking().SingleAsync(u => u.OrganizationId == scenario.OrganizationId && u.Name == "Legal"));
        Assert.Equal(UnitKind.Department, legal.Kind);
        Assert.Null(legal.ParentId);

        // A team inside it, from the department's row.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a team to Legal", Exact = true }).ClickAsync();
        await Expect(dialog).ToContainTextAsync("New team in Legal");
        await page.Locator("#name-input").FillAsync("Contracts");
        await page.Locator("#name-submit").ClickAsync();
        await ExpectSnackbarAsync(page, "Legal › Contracts was added.");
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(Unit(page, "Contracts")).ToContainTextAsync("team");
        await Expect(Stat(page, "Teams")).ToHaveTextAsync("2");
        await Expect(Stat(page, "Departments")).ToHaveTextAsync("3");
        var contracts = await browser.Portal.WithDbAsync(db => db.OrganizationUnits.AsNoTracking().SingleAsync(u => u.OrganizationId == scenario.OrganizationId && u.Name == "Contracts"));
        Assert.Equal(UnitKind.Team, contracts.Kind);
        Assert.Equal(legal.Id, contracts.ParentId);

        // The team is renamed: the dialog starts from its current name.
        await page.GetByRole(AriaRole.Button, new() { Name = "Rename Contracts", Exact = true }).ClickAsync();
        await Expect(dialog).ToContainTextAsync("Rename Contracts");
        await Expect(page.Locator("#name-input")).ToHaveValueAsync("Contracts");
        await page.Locator("#name-input").FillAsync("Contract Review");
        await page.Locator("#name-submit").ClickAsync();
        await ExpectSnackbarAsync(page, "Renamed to Contract Review.");
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(Unit(page, "Contract Review")).ToBeVisibleAsync();
        await Expect(Unit(page, "Contracts")).ToHaveCountAsync(0);
        Assert.Equal("Contract Review", await browser.Portal.WithDbAsync(db => db.OrganizationUnits.Where(u => u.Id == contracts.Id).Select(u => u.Name).SingleAsync()));

        // The team sits under the department, indented.
        var departmentBox = await Unit(page, "Legal").BoundingBoxAsync();
        var teamBox = await Unit(page, "Contract Review").BoundingBoxAsync();
        Assert.True(teamBox!.Y > departmentBox!.Y, "The team is listed below its department");
        await BrowserFixture.ScreenshotAsync(page, "org-structure-edit");

        // A department with a team in it is not deleted: the owner is told why.
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete Legal", Exact = true }).ClickAsync();
        await Expect(dialog).ToContainTextAsync("Delete Legal?");
        await Expect(dialog).ToContainTextAsync("Only an empty department can be deleted.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await ExpectSnackbarAsync(page, "\"Legal\" still has members, invitations or units below it. Move them first.");
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(Unit(page, "Legal")).ToBeVisibleAsync();
        await Expect(Unit(page, "Contract Review")).ToBeVisibleAsync();
        await Expect(Stat(page, "Departments")).ToHaveTextAsync("3");
        Assert.Equal(2, await browser.Portal.WithDbAsync(db => db.OrganizationUnits.CountAsync(u => u.Id == legal.Id || u.Id == contracts.Id)));

        // Keeping it, from the confirmation, changes nothing either.
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete Contract Review", Exact = true }).ClickAsync();
        await Expect(dialog).ToContainTextAsync("Delete Contract Review?");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Keep", Exact = true }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(Unit(page, "Contract Review")).ToBeVisibleAsync();

        // The team first, then the empty department.
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete Contract Review", Exact = true }).ClickAsync();
        await Expect(dialog).ToContainTextAsync("Legal › Contract Review is removed from the organisation.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await ExpectSnackbarAsync(page, "Contract Review was deleted.");
        await Expect(Unit(page, "Contract Review")).ToHaveCountAsync(0);
        await Expect(Stat(page, "Teams")).ToHaveTextAsync("1");
        Assert.False(await browser.Portal.WithDbAsync(db => db.OrganizationUnits.AnyAsync(u => u.Id == contracts.Id)));

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete Legal", Exact = true }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await ExpectSnackbarAsync(page, "Legal was deleted.");
        await Expect(Unit(page, "Legal")).ToHaveCountAsync(0);
        await Expect(Stat(page, "Departments")).ToHaveTextAsync("2");
        await Expect(Chart(page)).ToHaveAttributeAsync("aria-label", new Regex("^Engineering: \\d+ members, Sales: \\d+ members$"));
        await Expect(Chart(page).Locator("svg")).Not.ToContainTextAsync("Legal");
        Assert.Equal(
            ["Engineering", "Platform", "Sales"],
            await browser.Portal.WithDbAsync(db => db.OrganizationUnits.Where(u => u.OrganizationId == scenario.OrganizationId).OrderBy(u => u.Name).Select(u => u.Name).ToListAsync()));
    }

    [Fact]
    public async Task An_admin_makes_a_member_manager_of_their_department_and_removes_another_whose_key_stops_working_while_a_manager_sees_only_their_department()
    {
        var scenario = await OrganizationScenario.CreateAsync(browser.Portal);
        var key = (await browser.Portal.IssueKeyAsync(scenario.EngineeringMember)).Secret.Plaintext;
        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(key));

        var admin = await browser.NewPageAsync();
        await PortalPages.SignInAsync(admin, scenario.Admin.Email, PortalFactory.Password);
        await PortalPages.GotoInteractiveAsync(admin, "/organization/members");
        await Expect(admin.Locator("#page-title")).ToHaveTextAsync("Members");

        // The Sales member becomes the manager of Sales.
        var salesRow = MemberRow(admin, scenario.SalesMember);
        await Expect(salesRow).ToContainTextAsync("Member");
        await Expect(salesRow).ToContainTextAsync("Sales");
        await salesRow.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Change ") }).ClickAsync();
        var dialog = admin.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("'s role");
        await Expect(admin.Locator("#member-email")).ToHaveCountAsync(0);
        await Select(admin, "member-role").ClickAsync();
        await admin.GetByRole(AriaRole.Option, new() { Name = "Manager: the members of their department or team", Exact = true }).ClickAsync();
        await Expect(Select(admin, "member-role")).ToHaveTextAsync("Manager: the members of their department or team");
        await Select(admin, "member-place").ClickAsync();
        await admin.GetByRole(AriaRole.Option, new() { Name = "Sales", Exact = true }).ClickAsync();
        await Expect(Select(admin, "member-place")).ToHaveTextAsync("Sales");
        await BrowserFixture.ScreenshotAsync(admin, "members-change-role");
        await admin.Locator("#member-submit").ClickAsync();

        await ExpectSnackbarAsync(admin, new Regex(" is now Manager in Sales\\.$"));
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(salesRow.Locator(".mud-chip")).ToHaveTextAsync("Manager");
        await Expect(salesRow).ToContainTextAsync("Sales");
        var changed = await browser.Portal.WithDbAsync(db => db.Memberships.AsNoTracking().SingleAsync(m => m.OrganizationId == scenario.OrganizationId && m.UserId == scenario.SalesMember.UserId));
        Assert.Equal(OrganizationRole.Manager, changed.Role);
        Assert.Equal(scenario.Sales, changed.UnitId);

        // The Engineering member is removed, after a confirmation that says what it means.
        var engineeringRow = MemberRow(admin, scenario.EngineeringMember);
        await engineeringRow.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Remove ") }).ClickAsync();
        await Expect(dialog).ToContainTextAsync(scenario.EngineeringMember.Email);
        await Expect(dialog).ToContainTextAsync("their API keys for it stop working");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Remove member", Exact = true }).ClickAsync();
        await ExpectSnackbarAsync(admin, new Regex(" was removed\\.$"));
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(engineeringRow).ToHaveCountAsync(0);
        await Expect(MemberRow(admin, scenario.PlatformMember)).ToBeVisibleAsync();

        Assert.False(await browser.Portal.WithDbAsync(db => db.Memberships.AnyAsync(m => m.OrganizationId == scenario.OrganizationId && m.UserId == scenario.EngineeringMember.UserId)));
        Assert.True(await browser.Portal.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == scenario.EngineeringMember.UserId)), "Their own account stays");
        Assert.False(await browser.Portal.WithDbAsync(db => db.ApiKeys.AnyAsync(k => k.UserId == scenario.EngineeringMember.UserId && k.OrganizationId == scenario.OrganizationId && k.RevokedAt == null)));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(key));

        // The manager of Engineering sees the people of Engineering and Platform only.
        var manager = await browser.NewPageAsync();
        await PortalPages.SignInAsync(manager, scenario.EngineeringManager.Email, PortalFactory.Password);
        await PortalPages.GotoInteractiveAsync(manager, "/organization/members");
        await Expect(manager.Locator(".page-header")).ToContainTextAsync("The people in Engineering, which you manage.");
        var rows = manager.Locator("#members-table .member-row");
        await Expect(MemberRow(manager, scenario.EngineeringManager)).ToContainTextAsync("Engineering");
        await Expect(MemberRow(manager, scenario.PlatformMember)).ToContainTextAsync("Engineering › Platform");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(manager.Locator("#members-table")).Not.ToContainTextAsync(scenario.SalesMember.Email);
        await Expect(manager.Locator("#members-table")).Not.ToContainTextAsync("Sales");
        await Expect(manager.Locator("#members-table")).Not.ToContainTextAsync(scenario.Owner.Email);
        await Expect(manager.Locator("#members-table")).Not.ToContainTextAsync(scenario.Admin.Email);
        foreach (var place in await rows.Locator("td:nth-child(3)").AllInnerTextsAsync())
        {
            Assert.Matches("^Engineering( › Platform)?$", place.Trim());
        }

        var inEngineering = await browser.Portal.WithDbAsync(db => db.Memberships.CountAsync(m =>
            m.OrganizationId == scenario.OrganizationId && (m.UnitId == scenario.Engineering || m.UnitId == scenario.Platform)));
        Assert.Equal(2, inEngineering);
    }

    [Fact]
    public async Task A_person_in_two_organisations_switches_to_their_personal_workspace_and_back_from_the_organisation_chip()
    {
        var scenario = await OrganizationScenario.CreateAsync(browser.Portal);
        var person = scenario.SalesMember;
        var personal = await browser.Portal.WithDbAsync(db => db.Organizations.AsNoTracking()
            .SingleAsync(o => o.Kind == OrganizationKind.Personal && db.Memberships.Any(m => m.OrganizationId == o.Id && m.UserId == person.UserId)));

        var page = await browser.NewPageAsync();
        await PortalPages.SignInAsync(page, person.Email, PortalFactory.Password);
        await PortalPages.GotoInteractiveAsync(page, "/organization");
        await Expect(page.Locator("#page-title")).ToHaveTextAsync("Acme Robotics");
        await Expect(page.Locator("#current-organization")).ToContainTextAsync("Acme Robotics");

        // The chip opens a menu of both organisations, the current one ticked.
        await page.Locator("#current-organization").ClickAsync();
        var options = page.Locator(".organization-option");
        await Expect(options).ToHaveCountAsync(2);
        await Expect(options.Filter(new() { HasText = "Acme Robotics" })).ToContainTextAsync("Member");
        await Expect(options.Filter(new() { HasText = personal.Name })).ToContainTextAsync("Owner");
        await Expect(page.Locator(".mud-popover-open", new() { Has = options.First })).ToHaveCSSAsync("opacity", "1"); // faded in
        await BrowserFixture.ScreenshotAsync(page, "organization-switcher-open");

        // To the personal workspace: the portal reloads on the dashboard.
        await options.Filter(new() { HasText = personal.Name }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/$"));
        await Expect(page.Locator("#current-organization")).ToContainTextAsync(personal.Name);
        await Expect(page.Locator(".page-header")).ToContainTextAsync($"{personal.Name} · Free plan");
        await PortalPages.WaitForInteractiveAsync(page);
        Assert.Equal(personal.Id, await CurrentOrganizationAsync(person));

        await PortalPages.GotoInteractiveAsync(page, "/organization");
        await Expect(page.Locator("#page-title")).ToHaveTextAsync(personal.Name);
        await Expect(page.Locator(".page-header")).ToContainTextAsync("personal workspace · you are Owner");
        await Expect(page.Locator("#current-organization")).ToContainTextAsync(personal.Name);

        // And back to Acme Robotics.
        await page.Locator("#current-organization").ClickAsync();
        await options.Filter(new() { HasText = "Acme Robotics" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/$"));
        await Expect(page.Locator("#current-organization")).ToContainTextAsync("Acme Robotics");
        await Expect(page.Locator(".page-header")).ToContainTextAsync("Acme Robotics · ");
        await PortalPages.WaitForInteractiveAsync(page);
        Assert.Equal(scenario.OrganizationId, await CurrentOrganizationAsync(person));

        await PortalPages.GotoInteractiveAsync(page, "/organization");
        await Expect(page.Locator("#page-title")).ToHaveTextAsync("Acme Robotics");
        await Expect(page.Locator(".page-header")).ToContainTextAsync("business organisation · you are Member in Sales");
    }

    private static readonly HttpClient Http = new();

    /// <summary>What the public API answers to <paramref name="key"/> on /api/v1/me.</summary>
    private async Task<HttpStatusCode> MeStatusAsync(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, browser.RootUrl + "/api/v1/me");
        request.Headers.Authorization = new("Bearer", key);
        using var response = await Http.SendAsync(request);
        return response.StatusCode;
    }

    private Task<Guid?> CurrentOrganizationAsync(TestAccount account) =>
        browser.Portal.WithDbAsync(db => db.Users.Where(u => u.Id == account.UserId).Select(u => u.CurrentOrganizationId).SingleAsync());

    /// <summary>The figure on one of the organisation page's stat cards.</summary>
    private static ILocator Stat(IPage page, string label) =>
        page.Locator(".mud-paper").Filter(new() { Has = page.Locator(".stat-label", new() { HasTextRegex = new Regex($"^{label}$") }) }).Locator(".stat-value");

    private static ILocator Unit(IPage page, string name) => page.Locator($"#unit-tree .unit-row[data-unit='{name}']");

    private static ILocator Chart(IPage page) => page.Locator("[aria-label*=' members']").Filter(new() { Has = page.Locator("svg") });

    private static ILocator MemberRow(IPage page, TestAccount account) =>
        page.Locator("#members-table .member-row").Filter(new() { HasText = account.Email });

    /// <summary>The visible part of a MudSelect: its id lands on a hidden input inside.</summary>
    private static ILocator Select(IPage page, string id) => page.Locator($"div.mud-input:has(> input#{id})");

    /// <summary>
    /// The message appears; the person reads it and closes it, as the portal shows only a few at a time and queues the rest.
    /// </summary>
    private static Task ExpectSnackbarAsync(IPage page, string text) =>
        ReadAndCloseAsync(page.Locator(".mud-snackbar").Filter(new() { HasText = text }));

    private static Task ExpectSnackbarAsync(IPage page, Regex text) =>
        ReadAndCloseAsync(page.Locator(".mud-snackbar").Filter(new() { HasTextRegex = text }));

    private static async Task ReadAndCloseAsync(ILocator snackbar)
    {
        await Expect(snackbar).ToBeVisibleAsync();
        await snackbar.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Expect(snackbar).ToHaveCountAsync(0);
    }
}
