using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Catalog;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Organizations;
using ApexAgent.Portal.Features.Support;
using ApexAgent.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApexAgent.Tests.Portal.Organizations;

/// <summary>Rules that must hold under open pages, concurrent requests, expiring invitations and closed accounts.</summary>
public sealed class OrganizationIntegrityTests(SharedPortal portal) : IClassFixture<SharedPortal>
{
    private PortalFactory Factory => portal.Factory;

    [Fact]
    public async Task A_page_opened_before_a_removal_or_demotion_acts_with_the_role_held_now()
    {
        var s = await OrganizationScenario.CreateAsync(Factory);
        var openedAsAdmin = s.Admin.Actor;
        var openedAsManager = s.EngineeringManager.Actor;
        var directory = Factory.Get<AccessDirectory>();
        await using var scope = Factory.Services.CreateAsyncScope();
        var members = scope.ServiceProvider.GetRequiredService<MemberService>();

        Assert.True((await members.ChangeAsync(s.Owner.Actor, await s.MembershipIdAsync(Factory, s.EngineeringManager), new ChangeMemberRequest(OrganizationRole.Member, s.Engineering), CancellationToken.None)).IsSuccess);
        Assert.True((await members.RemoveAsync(s.Owner.Actor, await s.MembershipIdAsync(Factory, s.Admin), CancellationToken.None)).IsSuccess);

        var manager = await directory.RefreshAsync(openedAsManager, CancellationToken.None);
        var admin = await directory.RefreshAsync(openedAsAdmin, CancellationToken.None);
        Assert.Equal(OrganizationRole.Member, manager.Assignment.Role);
        Assert.False(manager.Can(Permission.MembersManage));
        Assert.Empty(admin.Permissions);
        var rejoin = await members.AddAsync(admin, new AddMemberRequest(s.Admin.Email, OrganizationRole.Admin, null), new Uri("http://127.0.0.1/"), CancellationToken.None);
        Assert.Equal("forbidden", rejoin.Error?.Code);
        Assert.False(await Factory.WithDbAsync(db => db.Memberships.AnyAsync(m => m.UserId == s.Admin.UserId && m.OrganizationId == s.OrganizationId)));
    }

    [Fact]
    public async Task An_ended_support_view_locks_the_page_that_was_showing_it()
    {
        var customer = await Factory.CreateAccountAsync(TierCode.Pro);
        var support = await Factory.CreateAccountAsync(role: PlatformRole.Support);
        await using var scope = Factory.Services.CreateAsyncScope();
        var views = scope.ServiceProvider.GetRequiredService<SupportViewService>();
        await views.StartAsync(support.Actor, customer.UserId, customer.OrganizationId, "Ticket 12: billing address looks wrong", CancellationToken.None);
        var directory = Factory.Get<AccessDirectory>();
        var opened = (await directory.FindAsync(support.UserId, CancellationToken.None))!.ActingActor(Factory.Now);
        Assert.True(opened.IsReadOnly);
        Assert.True((await directory.RefreshAsync(opened, CancellationToken.None)).Can(Permission.ApiKeysRead));

        await views.EndAsync(support.UserId, CancellationToken.None);

        var after = await directory.RefreshAsync(opened, CancellationToken.None);
        Assert.Empty(after.Permissions);
        Assert.True(after.IsReadOnly);
    }

    [Fact]
    public async Task Two_owners_demoting_each_other_at_once_leave_one_owner()
    {
        var s = await OrganizationScenario.CreateAsync(Factory);
        await using var scope = Factory.Services.CreateAsyncScope();
        var members = scope.ServiceProvider.GetRequiredService<MemberService>();
        Assert.True((await members.ChangeAsync(s.Owner.Actor, await s.MembershipIdAsync(Factory, s.Admin), new ChangeMemberRequest(OrganizationRole.Owner, null), CancellationToken.None)).IsSuccess);
        var secondOwner = await Factory.ActorOfAsync(s.Admin.UserId, s.OrganizationId);
        var first = await s.MembershipIdAsync(Factory, s.Owner);
        var second = await s.MembershipIdAsync(Factory, s.Admin);

        var results = await Task.WhenAll(
            Task.Run(() => Factory.Services.CreateScope().ServiceProvider.GetRequiredService<MemberService>().ChangeAsync(s.Owner.Actor, second, new ChangeMemberRequest(OrganizationRole.Admin, null), CancellationToken.None)),
            Task.Run(() => Factory.Services.CreateScope().ServiceProvider.GetRequiredService<MemberService>().ChangeAsync(secondOwner, first, new ChangeMemberRequest(OrganizationRole.Admin, null), CancellationToken.None)));

        Assert.Equal(1, await Factory.WithDbAsync(db => db.Memberships.CountAsync(m => m.OrganizationId == s.OrganizationId && m.Role == OrganizationRole.Owner)));
        Assert.Single(results, r => r.IsSuccess);
    }

    [Fact]
    public async Task Concurrent_additions_never_take_more_seats_than_the_plan_has()
    {
        var s = await OrganizationScenario.CreateAsync(Factory); // Enterprise: 10 seats, 6 taken

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            Factory.Services.CreateScope().ServiceProvider.GetRequiredService<MemberService>()
                .AddAsync(s.Admin.Actor, new AddMemberRequest($"rush{i}-{Guid.NewGuid():N}@example.test", OrganizationRole.Member, null), new Uri("http://127.0.0.1/"), CancellationToken.None))));

        Assert.Equal(4, results.Count(r => r.IsSuccess));
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal("seat_limit_reached", r.Error!.Code));
        Assert.Equal(4, await Factory.WithDbAsync(db => db.Invitations.CountAsync(i => i.OrganizationId == s.OrganizationId)));
    }

    [Fact]
    public async Task Resending_an_expired_invitation_or_accepting_one_needs_a_free_seat()
    {
        var s = await OrganizationScenario.CreateAsync(Factory);
        await using var scope = Factory.Services.CreateAsyncScope();
        var members = scope.ServiceProvider.GetRequiredService<MemberService>();
        var link = new Uri("http://127.0.0.1/");
        var early = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var email = $"early{i}-{Guid.NewGuid():N}@example.test";
            early.Add(email);
            Assert.True((await members.AddAsync(s.Admin.Actor, new AddMemberRequest(email, OrganizationRole.Member, null), link, CancellationToken.None)).IsSuccess);
        }

        var expiredEmail = early[0].ToUpperInvariant();
        await Factory.WithDbAsync(db => db.Invitations.Where(i => i.Email == expiredEmail).ExecuteUpdateAsync(i => i.SetProperty(x => x.ExpiresAt, DateTimeOffset.UtcNow.AddDays(-1))));
        Assert.True((await members.AddAsync(s.Admin.Actor, new AddMemberRequest($"late-{Guid.NewGuid():N}@example.test", OrganizationRole.Member, null), link, CancellationToken.None)).IsSuccess);
        var expired = await Factory.WithDbAsync(db => db.Invitations.SingleAsync(i => i.Email == expiredEmail));

        var resent = await members.ResendInvitationAsync(s.Admin.Actor, expired.Id, link, CancellationToken.None);

        Assert.Equal("seat_limit_reached", resent.Error?.Code);
        Assert.True((await Factory.WithDbAsync(db => db.Invitations.SingleAsync(i => i.Id == expired.Id))).ExpiresAt < DateTimeOffset.UtcNow);

        // Fill the last seats directly, then an old, still-open invitation can no longer be accepted.
        var token = await Factory.InvitationTokenAsync(early[1]);
        for (var i = 0; i < 4; i++)
        {
            var extra = await Factory.CreateAccountAsync();
            await Factory.WithDbAsync(async db =>
            {
                db.Memberships.Add(new Membership { Id = Guid.NewGuid(), OrganizationId = s.OrganizationId, UserId = extra.UserId, Role = OrganizationRole.Member, CreatedAt = Factory.Now });
                return await db.SaveChangesAsync();
            });
        }

        var invitee = await Factory.CreateAccountAsync(email: early[1]);
        var accepted = await scope.ServiceProvider.GetRequiredService<InvitationAcceptance>().AcceptAsync(invitee.UserId, token, CancellationToken.None);
        Assert.Equal("seat_limit_reached", accepted.Error?.Code);
        Assert.False(await Factory.WithDbAsync(db => db.Memberships.AnyAsync(m => m.UserId == invitee.UserId && m.OrganizationId == s.OrganizationId)));
    }

    [Fact]
    public async Task Closing_an_account_refuses_the_only_owner_of_a_team_and_otherwise_leaves_cleanly()
    {
        var s = await OrganizationScenario.CreateAsync(Factory);
        var support = await Factory.CreateAccountAsync(role: PlatformRole.Support);
        await using var scope = Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SupportViewService>().StartAsync(support.Actor, s.SalesMember.UserId, s.OrganizationId, "Ticket 5: wants to close the account", CancellationToken.None);
        var members = scope.ServiceProvider.GetRequiredService<MemberService>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();

        Assert.Equal("last_owner", (await members.LeaveAllBeforeAccountDeletionAsync(s.Owner.UserId, CancellationToken.None))?.Code);
        Assert.Null(await members.LeaveAllBeforeAccountDeletionAsync(s.SalesMember.UserId, CancellationToken.None));
        Assert.True((await users.DeleteAsync((await users.FindByIdAsync(s.SalesMember.UserId))!)).Succeeded);

        Assert.True(await Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.ChainId == s.OrganizationId && e.Action == "member.removed" && e.Before!.Contains(s.SalesMember.UserId))));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.Memberships.CountAsync(m => m.OrganizationId == s.OrganizationId && m.Role == OrganizationRole.Owner)));
    }

    [Fact]
    public async Task A_unit_with_an_open_invitation_is_not_deleted()
    {
        var s = await OrganizationScenario.CreateAsync(Factory);
        await using var scope = Factory.Services.CreateAsyncScope();
        var organizations = scope.ServiceProvider.GetRequiredService<OrganizationService>();
        var legal = (await organizations.CreateUnitAsync(s.Owner.Actor, null, UnitKind.Department, "Legal", CancellationToken.None)).Value;
        await scope.ServiceProvider.GetRequiredService<MemberService>().AddAsync(s.Owner.Actor, new AddMemberRequest($"counsel-{Guid.NewGuid():N}@example.test", OrganizationRole.Manager, legal.Id), new Uri("http://127.0.0.1/"), CancellationToken.None);

        Assert.Equal("unit_not_empty", (await organizations.DeleteUnitAsync(s.Owner.Actor, legal.Id, CancellationToken.None)).Error?.Code);
        Assert.Equal(legal.Id, await Factory.WithDbAsync(db => db.Invitations.Where(i => i.OrganizationId == s.OrganizationId).Select(i => i.UnitId).SingleAsync()));
    }
}
