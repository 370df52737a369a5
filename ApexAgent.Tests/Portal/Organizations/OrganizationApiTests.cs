using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ApexAgent.Domain.Accounts;
using ApexAgent.Portal.Features.Email;
using ApexAgent.Portal.Features.Organizations;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApexAgent.Tests.Portal.Organizations;

/// <summary>Who sees and changes which members: scopes, roles, tenants, owners, invitations.</summary>
public sealed class OrganizationApiTests(SharedPortal portal) : IClassFixture<SharedPortal>
{
    private PortalFactory Factory => portal.Factory;

    [Fact]
    public async Task The_organisation_shows_its_tree_and_where_the_caller_sits()
    {
        var s = await OrganizationScenario.CreateAsync(Factory);

        var body = await (await ClientAsync(s.EngineeringManager)).GetFromJsonAsync<JsonElement>("/api/v1/organization");

        Assert.Equal("Acme Robotics", body.GetProperty("name").GetString());
        Assert.Equal("manager", body.GetProperty("you").GetProperty("role").GetString());
        Assert.Equal("Engineering", body.GetProperty("yourPlace").GetString());
        var units = body.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("path").GetString()).ToList();
        Assert.Equal(["Engineering", "Engineering › Platform", "Sales"], units);
        Assert.Equal(6, body.GetProperty("members").GetInt32());
        var me = (await (await ClientAsync(s.EngineeringManager)).GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("organization");
        Assert.Equal("manager", me.GetProperty("role").GetString());
        Assert.Equal(s.Engineering, me.GetProperty("unitId").GetGuid());
    }

    [Fact]
    public async Task A_department_manager_sees_only_their_department_and_its_teams()
    {
        var s = await OrganizationScenario.CreateAsync(Factory);
        var manager = await ClientAsync(s.EngineeringManager);

        var listed = await manager.GetFromJsonAsync<JsonElement>("/api/v1/organization/members?pageSize=100");
        var emails = listed.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("email").GetString()).ToHashSet();

        Assert.Equal(new HashSet<string?> { s.EngineeringManager.Email, s.EngineeringMember.Email, s.PlatformMember.Email }, emails);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/api/v1/organization/members/{await s.MembershipIdAsync(Factory, s.PlatformMember)}")).StatusCode);
        await ProblemAssert.IsProblemAsync(await manager.GetAsync($"/api/v1/organization/members/{await s.MembershipIdAsync(Factory, s.SalesMember)}"), HttpStatusCode.Forbidden, "outside_your_scope");
    }

    [Fact]
    public async Task Members_are_filtered_by_search_role_and_unit_and_paged()
    {
        var s = await OrganizationScenario.CreateAsync(Factory);
        var admin = await ClientAsync(s.Admin);

        var engineering = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/organization/members?unit={s.Engineering}");
        var managers = await admin.GetFromJsonAsync<JsonElement>("/api/v1/organization/members?role=manager");
        var bySearch = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/organization/members?search={s.SalesMember.Email[..12]}");
        var paged = await admin.GetFromJsonAsync<JsonElement>("/api/v1/organization/members?pageSize=2&page=2");

        Assert.Equal(3, engineering.GetProperty("total").GetInt32());
        Assert.Equal(s.EngineeringManager.Email, managers.GetProperty("items")[0].GetProperty("email").GetString());
        Assert.Equal(1, managers.GetProperty("total").GetInt32());
        Assert.Equal(s.SalesMember.Email, Assert.Single(bySearch.GetProperty("items").EnumerateArray()).GetProperty("email").GetString());
        Assert.Equal(6, paged.GetProperty("total").GetInt32());
        Assert.Equal(2, paged.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Another_organisations_admin_cannot_reach_its_members_even_with_the_right_id()
    {
        var s = await OrganizationScenario.CreateAsync(Factory);
        var other = await OrganizationScenario.CreateAsync(Factory, "Globex");
        var intruder = await ClientAsync(other.Admin);
        var target = await s.MembershipIdAsync(Factory, s.EngineeringMember);

        await ProblemAssert.IsProblemAsync(await intruder.GetAsync($"/api/v1/organization/members/{target}"), HttpStatusCode.NotFound, "member_not_found");
        await ProblemAssert.IsProblemAsync(await intruder.PatchAsJsonAsync($"/api/v1/organization/members/{target}", new { role = "admin", unitId = (Guid?)null }), HttpStatusCode.NotFound, "member_not_found");
        await ProblemAssert.IsProblemAsync(await intruder.DeleteAsync($"/api/v1/organization/members/{target}"), HttpStatusCode.NotFound, "member_not_found");
        var listed = await intruder.GetStringAsync("/api/v1/organization/members?pageSize=100");

        Assert.DoesNotContain(s.EngineeringMember.Email, listed, StringComparison.Ordinal);
        var still = await Factory.WithDbAsync(db => db.Memberships.SingleAsync(m => m.Id == target));
        Assert.Equal(OrganizationRole.Member, still.Role);
    }

    [Fact]
    public async Task A_manager_gives_roles_up_to_their_own_inside_their_department_only()
    {
        var s = await OrganizationScenario.CreateAsync(Factory);
        var manager = await ClientAsync(s.EngineeringManager);
        var platformMember = await s.MembershipIdAsync(Factory, s.PlatformMember);

        var promoted = await manager.PatchAsJsonAsync($"/api/v1/organization/members/{platformMember}", new { role = "manager", unitId = s.Platform });
        Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
        await ProblemAssert.IsProblemAsync(
            await manager.PatchAsJsonAsync($"/api/v1/organization/members/{await s.MembershipIdAsync(Factory, s.EngineeringMember)}", new { role = "admin", unitId = s.Engineering }),
            HttpStatusCode.Forbidden, "role_above_yours");
        await ProblemAssert.IsProblemAsync(
            await manager.PatchAsJsonAsync($"/api/v1/organization/members/{await s.MembershipIdAsync(Factory, s.SalesMember)}", new { role = "member", unitId = s.Engineering }),
            HttpStatusCode.Forbidden, "outside_your_scope");
        await ProblemAssert.IsProblemAsync(
            await manager.PatchAsJsonAsync($"/api/v1/organization/members/{await s.MembershipIdAsync(Factory, s.EngineeringMember)}", new { role = "member", unitId = s.Sales }),
            HttpStatusCode.Forbidden, "outside_your_scope");
        await ProblemAssert.IsProblemAsync(
            await manager.PatchAsJsonAsync($"/api/v1/organization/members/{platformMember}", new { unitId = s.Engineering }),
            HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(OrganizationRole.Manager, (await Factory.WithDbAsync(db => db.Memberships.SingleAsync(m => m.Id == platformMember))).Role);
    }

    [Fact]
    public async Task The_last_owner_can_be_neither_demoted_nor_removed()
    {
        var s = await OrganizationScenario.CreateAsync(Factory);
        var owner = await ClientAsync(s.Owner);
        var ownerMembership = await s.MembershipIdAsync(Factory, s.Owner);

        await ProblemAssert.IsProblemAsync(await owner.PatchAsJsonAsync($"/api/v1/organization/members/{ownerMembership}", new { role = "admin", unitId = (Guid?)null }), HttpStatusCode.Conflict, "last_owner");
        await using var scope = Factory.Services.CreateAsyncScope();
        var removed = await scope.ServiceProvider.GetRequiredService<MemberService>().RemoveAsync(s.Owner.Actor, ownerMembership, CancellationToken.None);
        Assert.Equal("last_owner", removed.Error?.Code);

        Assert.Equal(HttpStatusCode.OK, (await owner.PatchAsJsonAsync($"/api/v1/organization/members/{await s.MembershipIdAsync(Factory, s.Admin)}", new { role = "owner", unitId = (Guid?)null })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.PatchAsJsonAsync($"/api/v1/organization/members/{ownerMembership}", new { role = "admin", unitId = (Guid?)null })).StatusCode);
    }

    [Fact]
    public async Task Removing_a_member_stops_their_keys_for_that_organisation_at_once()
    {
        var s = await OrganizationScenario.CreateAsync(Factory);
        var key = await Factory.IssueKeyAsync(s.SalesMember);
        Assert.Equal(HttpStatusCode.OK, (await Factory.ApiClient(key.Secret.Plaintext).GetAsync("/api/v1/me")).StatusCode);

        var removed = await (await ClientAsync(s.Admin)).DeleteAsync($"/api/v1/organization/members/{await s.MembershipIdAsync(Factory, s.SalesMember)}");

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        await ProblemAssert.IsProblemAsync(await Factory.ApiClient(key.Secret.Plaintext).GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized, "api_key_revoked");
    }

    [Fact]
    public async Task A_role_change_applies_to_the_next_request_of_the_members_keys()
    {
        var s = await OrganizationScenario.CreateAsync(Factory);
        var key = Factory.ApiClient((await Factory.IssueKeyAsync(s.EngineeringManager)).Secret.Plaintext);
        Assert.Equal(HttpStatusCode.OK, (await key.GetAsync("/api/v1/organization/members")).StatusCode);

        await (await ClientAsync(s.Owner)).PatchAsJsonAsync($"/api/v1/organization/members/{await s.MembershipIdAsync(Factory, s.EngineeringManager)}", new { role = "member", unitId = s.Engineering });

        await ProblemAssert.IsProblemAsync(await key.GetAsync("/api/v1/organization/members"), HttpStatusCode.Forbidden, "insufficient_scope");
    }

    [Fact]
    public async Task An_invitation_is_mailed_accepted_once_by_the_right_person_and_lands_them_in_the_right_place()
    {
        var s = await OrganizationScenario.CreateAsync(Factory);
        var email = $"new-{Guid.NewGuid():N}@example.test";

        var invited = await (await ClientAsync(s.Admin)).PostAsJsonAsync("/api/v1/organization/members", new { email, role = "member", unitId = s.Platform });

        Assert.Equal(HttpStatusCode.Accepted, invited.StatusCode);
        var token = await Factory.InvitationTokenAsync(email);
        var someoneElse = await Factory.CreateAccountAsync();
        var invitee = await Factory.CreateAccountAsync(email: email);
        await using var scope = Factory.Services.CreateAsyncScope();
        var acceptance = scope.ServiceProvider.GetRequiredService<InvitationAcceptance>();

        Assert.Equal("invitation_for_another_email", (await acceptance.AcceptAsync(someoneElse.UserId, token, CancellationToken.None)).Error?.Code);
        Assert.True((await acceptance.AcceptAsync(invitee.UserId, token, CancellationToken.None)).IsSuccess);
        Assert.Equal("invitation_closed", (await acceptance.AcceptAsync(invitee.UserId, token, CancellationToken.None)).Error?.Code);
        var membership = await Factory.WithDbAsync(db => db.Memberships.SingleAsync(m => m.UserId == invitee.UserId && m.OrganizationId == s.OrganizationId));
        Assert.Equal(s.Platform, membership.UnitId);
        Assert.Equal(OrganizationRole.Member, membership.Role);
        var actor = await Factory.ActorOfAsync(invitee.UserId, s.OrganizationId);
        Assert.Equal(new RoleAssignment(OrganizationRole.Member, s.Platform), actor.Assignment);
        var audited = await Factory.WithDbAsync(db => db.AuditEntries.Where(e => e.ChainId == s.OrganizationId && (e.Action == "invitation.accepted" || e.Action == "member.added")).ToListAsync());
        Assert.Contains(audited, e => e.Action == "invitation.accepted" && e.ActorUserId == invitee.UserId);
        Assert.Contains(audited, e => e.Action == "member.added" && e.After!.Contains(invitee.UserId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_expired_or_forged_invitation_link_is_refused()
    {
        var s = await OrganizationScenario.CreateAsync(Factory);
        var email = $"late-{Guid.NewGuid():N}@example.test";
        await (await ClientAsync(s.Admin)).PostAsJsonAsync("/api/v1/organization/members", new { email, role = "member", unitId = s.Sales });
        var token = await Factory.InvitationTokenAsync(email);
        await Factory.WithDbAsync(db => db.Invitations.Where(i => i.Email == email.ToUpperInvariant()).ExecuteUpdateAsync(i => i.SetProperty(x => x.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        var invitee = await Factory.CreateAccountAsync(email: email);
        await using var scope = Factory.Services.CreateAsyncScope();
        var acceptance = scope.ServiceProvider.GetRequiredService<InvitationAcceptance>();

        Assert.Equal(InvitationState.Expired, (await acceptance.LandingAsync(token, CancellationToken.None)).Value.State);
        Assert.Equal("invitation_closed", (await acceptance.AcceptAsync(invitee.UserId, token, CancellationToken.None)).Error?.Code);
        Assert.Equal("invitation_not_found", (await acceptance.AcceptAsync(invitee.UserId, new string('A', 43), CancellationToken.None)).Error?.Code);
        Assert.Equal("invitation_not_found", (await acceptance.LandingAsync("../../etc/passwd", CancellationToken.None)).Error?.Code);
        Assert.False(await Factory.WithDbAsync(db => db.Memberships.AnyAsync(m => m.UserId == invitee.UserId && m.OrganizationId == s.OrganizationId)));
    }

    [Fact]
    public async Task Seats_limit_additions_and_bad_input_is_refused_without_changes()
    {
        var s = await OrganizationScenario.CreateAsync(Factory);
        var admin = await ClientAsync(s.Admin);
        var before = await Factory.WithDbAsync(db => db.Invitations.CountAsync());

        await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync("/api/v1/organization/members", new { email = "not an email", role = "member" }), HttpStatusCode.BadRequest, "validation_failed");
        await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync("/api/v1/organization/members", new { email = "x@example.test", role = "owner" }), HttpStatusCode.Forbidden, "role_above_yours");
        await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync("/api/v1/organization/members", new { email = "x@example.test", role = "member", unitId = Guid.NewGuid() }), HttpStatusCode.NotFound, "unit_not_found");
        await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync("/api/v1/organization/members", new { email = s.SalesMember.Email, role = "member" }), HttpStatusCode.Conflict, "already_member");
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/api/v1/organization/members", new StringContent("{\"email\":", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(before, await Factory.WithDbAsync(db => db.Invitations.CountAsync()));

        for (var i = 0; i < 4; i++) // Enterprise: 10 seats, 6 members
        {
            Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsJsonAsync("/api/v1/organization/members", new { email = $"seat{i}-{Guid.NewGuid():N}@example.test", role = "member" })).StatusCode);
        }

        await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync("/api/v1/organization/members", new { email = $"eleventh-{Guid.NewGuid():N}@example.test", role = "member" }), HttpStatusCode.Conflict, "seat_limit_reached");
    }

    [Fact]
    public async Task Admins_shape_departments_and_teams_and_only_empty_ones_can_be_deleted()
    {
        var s = await OrganizationScenario.CreateAsync(Factory);
        var admin = await ClientAsync(s.Admin);

        var legal = await admin.PostAsJsonAsync("/api/v1/organization/units", new { name = "Legal", kind = "department", parentId = (Guid?)null });
        Assert.Equal(HttpStatusCode.Created, legal.StatusCode);
        var legalId = (await legal.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync("/api/v1/organization/units", new { name = "legal", kind = "department", parentId = (Guid?)null }), HttpStatusCode.Conflict, "unit_name_taken");
        await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync("/api/v1/organization/units", new { name = "Ops", kind = "department", parentId = s.Platform }), HttpStatusCode.BadRequest, "department_under_team");
        var renamed = await admin.PatchAsJsonAsync($"/api/v1/organization/units/{legalId}", new { name = "Legal & Compliance" });
        Assert.Equal("Legal & Compliance", (await renamed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
        await ProblemAssert.IsProblemAsync(await admin.DeleteAsync($"/api/v1/organization/units/{s.Sales}"), HttpStatusCode.Conflict, "unit_not_empty");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/organization/units/{legalId}")).StatusCode);
        var other = await OrganizationScenario.CreateAsync(Factory, "Globex");
        await ProblemAssert.IsProblemAsync(await (await ClientAsync(other.Admin)).DeleteAsync($"/api/v1/organization/units/{s.Sales}"), HttpStatusCode.NotFound, "unit_not_found");
        Assert.Equal(3, await Factory.WithDbAsync(db => db.OrganizationUnits.CountAsync(u => u.OrganizationId == s.OrganizationId)));
    }

    [Fact]
    public async Task A_member_leaves_but_the_last_owner_and_a_lone_organisation_stay()
    {
        var s = await OrganizationScenario.CreateAsync(Factory);
        var key = await Factory.IssueKeyAsync(s.SalesMember);
        var loner = await Factory.CreateAccountAsync();
        await using var scope = Factory.Services.CreateAsyncScope();
        var members = scope.ServiceProvider.GetRequiredService<MemberService>();

        Assert.True((await members.LeaveAsync(s.SalesMember.Actor, CancellationToken.None)).IsSuccess);
        Assert.Equal("last_owner", (await members.LeaveAsync(s.Owner.Actor, CancellationToken.None)).Error?.Code);
        Assert.Equal("only_organization", (await members.LeaveAsync(loner.Actor, CancellationToken.None)).Error?.Code);

        Assert.False(await Factory.WithDbAsync(db => db.Memberships.AnyAsync(m => m.UserId == s.SalesMember.UserId && m.OrganizationId == s.OrganizationId)));
        await ProblemAssert.IsProblemAsync(await Factory.ApiClient(key.Secret.Plaintext).GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized, "api_key_revoked");
        var access = await Factory.Get<ApexAgent.Portal.Features.Account.AccessDirectory>().FindAsync(s.SalesMember.UserId, CancellationToken.None);
        Assert.NotEqual(s.OrganizationId, access!.CurrentOrganizationId);
        Assert.Null(access.In(s.OrganizationId));
    }

    [Fact]
    public async Task A_person_in_two_organisations_switches_and_the_next_page_acts_for_the_new_one()
    {
        var s = await OrganizationScenario.CreateAsync(Factory);
        var browser = await Factory.SignedInClientAsync(s.SalesMember.UserId);
        Assert.Contains("Acme Robotics", await browser.GetStringAsync("/organization"), StringComparison.Ordinal);
        var personal = await Factory.WithDbAsync(db => db.Memberships.Where(m => m.UserId == s.SalesMember.UserId && m.OrganizationId != s.OrganizationId).Select(m => m.OrganizationId).SingleAsync());
        var personalName = await Factory.WithDbAsync(db => db.Organizations.Where(o => o.Id == personal).Select(o => o.Name).SingleAsync());
        await using var scope = Factory.Services.CreateAsyncScope();
        var organizations = scope.ServiceProvider.GetRequiredService<OrganizationService>();

        Assert.True((await organizations.SwitchAsync(s.SalesMember.UserId, personal, CancellationToken.None)).IsSuccess);
        Assert.Equal("organization_not_found", (await organizations.SwitchAsync(s.SalesMember.UserId, (await OrganizationScenario.CreateAsync(Factory, "Globex")).OrganizationId, CancellationToken.None)).Error?.Code);

        var page = await browser.GetStringAsync("/organization");
        Assert.Contains(personalName.Split('\'')[0], page, StringComparison.Ordinal);
        Assert.DoesNotContain("Acme Robotics", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_export_to_csv_within_the_managers_scope_and_only_for_those_who_may_see_members()
    {
        var s = await OrganizationScenario.CreateAsync(Factory);

        var manager = await Factory.SignedInClientAsync(s.EngineeringManager.UserId);
        var csv = await manager.GetStringAsync("/organization/members.csv?role=member");
        var member = await (await Factory.SignedInClientAsync(s.SalesMember.UserId)).GetAsync("/organization/members.csv");

        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Name,Email,Role,Place,Joined (UTC)", lines[0]);
        Assert.Equal(2, lines.Length - 1);
        Assert.Contains(lines, l => l.Contains(s.PlatformMember.Email, StringComparison.Ordinal) && l.Contains("Engineering › Platform", StringComparison.Ordinal));
        Assert.DoesNotContain(s.SalesMember.Email, csv, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, member.StatusCode);
        Assert.Contains("AccessDenied", member.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_only_actor_changes_nothing()
    {
        var s = await OrganizationScenario.CreateAsync(Factory);
        var viewing = s.Admin.Actor with { ImpersonatorUserId = "support-user" };
        await using var scope = Factory.Services.CreateAsyncScope();

        var invited = await scope.ServiceProvider.GetRequiredService<MemberService>().AddAsync(viewing, new AddMemberRequest("ro@example.test", OrganizationRole.Member, null), new Uri("http://127.0.0.1/"), CancellationToken.None);
        var unit = await scope.ServiceProvider.GetRequiredService<OrganizationService>().CreateUnitAsync(viewing, null, UnitKind.Department, "Legal", CancellationToken.None);
        var removed = await scope.ServiceProvider.GetRequiredService<MemberService>().RemoveAsync(viewing, await s.MembershipIdAsync(Factory, s.SalesMember), CancellationToken.None);

        Assert.Equal("read_only_view", invited.Error?.Code);
        Assert.Equal("read_only_view", unit.Error?.Code);
        Assert.Equal("read_only_view", removed.Error?.Code);
        Assert.Equal(6, await Factory.WithDbAsync(db => db.Memberships.CountAsync(m => m.OrganizationId == s.OrganizationId)));
    }

    private async Task<HttpClient> ClientAsync(TestAccount account)
    {
        var scopes = Permission.ApiKeyScopes.Where(account.Actor.Can).ToList();
        return Factory.ApiClient((await Factory.IssueKeyAsync(account, scopes)).Secret.Plaintext);
    }
}
