using System.Text.Json;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.ApiKeys;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Compliance;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.ApiKeys;
using ApexAgent.Portal.Features.Audit;
using ApexAgent.Portal.Features.Organizations;
using ApexAgent.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApexAgent.Tests.Portal.Audit;

public sealed class AuditInterceptorTests(SharedPortal portal) : IClassFixture<SharedPortal>
{
    private PortalFactory Factory => portal.Factory;

    [Fact]
    public async Task A_role_change_writes_one_entry_with_before_after_actor_and_address()
    {
        var owner = await Factory.CreateAccountAsync(TierCode.Team);
        var member = await Factory.CreateAccountAsync();
        var membershipId = await Factory.AddMemberAsync(owner, member);
        var before = await Factory.EntriesAsync(owner.OrganizationId);

        await AuditLogTestData.ActingAsync(owner.Actor, () => Factory.WithDbAsync(async db =>
        {
            var membership = await db.Memberships.SingleAsync(m => m.Id == membershipId);
            membership.Role = OrganizationRole.Admin;
            return await db.SaveChangesAsync();
        }));

        var entries = await Factory.EntriesAsync(owner.OrganizationId);
        var entry = Assert.Single(entries.Skip(before.Count));
        Assert.Equal(AuditActions.MemberRoleChanged, entry.Action);
        Assert.Equal(("Membership", membershipId.ToString()), (entry.EntityType, entry.EntityId));
        Assert.Equal("{\"role\":\"Member\"}", entry.Before);
        Assert.Equal("{\"role\":\"Admin\"}", entry.After);
        Assert.Equal((owner.UserId, owner.Email), (entry.ActorUserId, entry.ActorLabel));
        Assert.Equal(AuditLogTestData.Address, entry.IpAddress);
        Assert.Equal(owner.OrganizationId, entry.OrganizationId);
        Assert.Equal(before[^1].Hash, entry.PreviousHash);
        Assert.Equal(before.Count + 1, entry.Sequence);
        var head = await Factory.HeadAsync(owner.OrganizationId);
        Assert.Equal((entry.Sequence, entry.Hash), (head!.LastSequence, head.LastHash));
        Assert.True((await VerifyAsync(owner)).IsIntact);
    }

    [Fact]
    public async Task A_save_that_fails_leaves_no_entry_and_a_retry_records_exactly_once()
    {
        var owner = await Factory.CreateAccountAsync(TierCode.Team);
        var member = await Factory.CreateAccountAsync();
        var membershipId = await Factory.AddMemberAsync(owner, member);
        var before = await Factory.EntriesAsync(owner.OrganizationId);
        var headBefore = await Factory.HeadAsync(owner.OrganizationId);

        await AuditLogTestData.ActingAsync(owner.Actor, async () =>
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            var membership = await db.Memberships.SingleAsync(m => m.Id == membershipId);
            membership.Role = OrganizationRole.Manager;
            var broken = new Membership { Id = Guid.CreateVersion7(), OrganizationId = Guid.NewGuid(), UserId = member.UserId, Role = OrganizationRole.Member };
            db.Memberships.Add(broken); // no such organisation: the foreign key refuses the whole save
            scope.ServiceProvider.GetRequiredService<AuditTrail>().Add(db, "test.event", owner.OrganizationId, details: new { note = "goes with the save" });

            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

            Assert.Equal(before.Count, (await Factory.EntriesAsync(owner.OrganizationId)).Count);
            Assert.Equal(headBefore!.LastHash, (await Factory.HeadAsync(owner.OrganizationId))!.LastHash);
            Assert.Equal(OrganizationRole.Member, (await Factory.WithDbAsync(d => d.Memberships.AsNoTracking().SingleAsync(m => m.Id == membershipId))).Role);

            db.Entry(broken).State = EntityState.Detached;
            await db.SaveChangesAsync();
            return 0;
        });

        var added = (await Factory.EntriesAsync(owner.OrganizationId)).Skip(before.Count).ToList();
        Assert.Equal([AuditActions.MemberRoleChanged, "test.event"], added.Select(e => e.Action));
        Assert.True((await VerifyAsync(owner)).IsIntact);
    }

    [Fact]
    public async Task Concurrent_writers_of_one_organisation_keep_one_gapless_chain()
    {
        var owner = await Factory.CreateAccountAsync(TierCode.Pro);

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            var keys = scope.ServiceProvider.GetRequiredService<ApiKeyService>();
            var issued = await keys.CreateAsync(owner.Actor, new NewApiKey($"parallel {i}", ApiKeyMode.Test, [Permission.ProfileRead], null), CancellationToken.None);
            Assert.True(issued.IsSuccess, issued.Error?.Message);
        })));

        var entries = await Factory.EntriesAsync(owner.OrganizationId);
        Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i), entries.Select(e => e.Sequence));
        Assert.Equal(12, entries.Count(e => e.Action == AuditActions.ApiKeyCreated));
        var verification = await VerifyAsync(owner);
        Assert.True(verification.IsIntact, verification.Summary);
        Assert.Equal(entries.Count, verification.EntriesVerified);
    }

    [Fact]
    public async Task Keys_are_audited_when_created_rotated_and_revoked_but_not_when_used_and_never_with_their_hash()
    {
        var owner = await Factory.CreateAccountAsync(TierCode.Pro);
        await using var scope = Factory.Services.CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<ApiKeyService>();
        var issued = (await keys.CreateAsync(owner.Actor, new NewApiKey("ci", ApiKeyMode.Test, [Permission.ProfileRead], null), CancellationToken.None)).Value;
        var rotated = (await keys.RotateAsync(owner.Actor, issued.Key.Id, TimeSpan.FromHours(1), CancellationToken.None)).Value;
        await keys.RevokeAsync(owner.Actor, rotated.Key.Id, CancellationToken.None);
        var count = (await Factory.EntriesAsync(owner.OrganizationId)).Count;
        await Factory.WithDbAsync(async db =>
        {
            var key = await db.ApiKeys.SingleAsync(k => k.Id == issued.Key.Id);
            db.Entry(key).Property(k => k.RequestCount).CurrentValue = 41;
            db.Entry(key).Property(k => k.LastUsedAt).CurrentValue = Factory.Now;
            return await db.SaveChangesAsync();
        });

        var entries = await Factory.EntriesAsync(owner.OrganizationId);
        Assert.Equal(count, entries.Count);
        var keyEntries = entries.Where(e => e.EntityType == nameof(ApiKey)).ToList();
        Assert.Equal(
            new[] { $"{AuditActions.ApiKeyCreated} {issued.Key.Id}", $"{AuditActions.ApiKeyRotated} {issued.Key.Id}", $"{AuditActions.ApiKeyCreated} {rotated.Key.Id}", $"{AuditActions.ApiKeyRevoked} {rotated.Key.Id}" }.Order(),
            keyEntries.Select(e => $"{e.Action} {e.EntityId}").Order());
        var created = JsonDocument.Parse(keyEntries[0].After!).RootElement;
        Assert.Equal("ci", created.GetProperty("name").GetString());
        Assert.Equal(issued.Key.Prefix, created.GetProperty("prefix").GetString());
        Assert.All(entries, e => Assert.DoesNotContain(issued.Key.SecretHash, (e.Before ?? "") + e.After, StringComparison.Ordinal));
        Assert.All(entries, e => Assert.DoesNotContain("secretHash", (e.Before ?? "") + e.After, StringComparison.OrdinalIgnoreCase));
        Assert.Contains("replacedById", keyEntries.Single(e => e.Action == AuditActions.ApiKeyRotated).After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task User_secrets_and_profile_changes_are_not_recorded_but_a_staff_role_is()
    {
        var account = await Factory.CreateAccountAsync();
        var platform = (await Factory.EntriesAsync(AuditChain.Platform)).Count;
        var own = (await Factory.EntriesAsync(account.OrganizationId)).Count;
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByIdAsync(account.UserId))!;

        Assert.True((await users.ChangePasswordAsync(user, PortalFactory.Password, "Another-password-2026")).Succeeded);
        user.Profile.DisplayName = "Renamed";
        await users.UpdateAsync(user);
        Assert.Equal(platform, (await Factory.EntriesAsync(AuditChain.Platform)).Count);

        user.PlatformRole = PlatformRole.Support;
        await users.UpdateAsync(user);

        var entry = (await Factory.EntriesAsync(AuditChain.Platform)).Last();
        Assert.Equal((AuditActions.PlatformRoleChanged, account.UserId), (entry.Action, entry.EntityId));
        Assert.Equal("{\"platformRole\":null}", entry.Before);
        Assert.Equal("{\"platformRole\":\"Support\"}", entry.After);
        Assert.Equal(own, (await Factory.EntriesAsync(account.OrganizationId)).Count);
        Assert.DoesNotContain(await Factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Select(e => (e.Before ?? "") + e.After).ToListAsync()), json =>
            json.Contains(user.PasswordHash!, StringComparison.Ordinal) || json.Contains(user.SecurityStamp!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_explicit_event_joins_the_chain_with_the_actor_named()
    {
        var owner = await Factory.CreateAccountAsync();
        var staff = await Factory.CreateAccountAsync(role: PlatformRole.Support);
        var viewId = Guid.NewGuid();

        await Factory.Get<AuditTrail>().RecordAsync(
            AuditActions.SupportViewPageViewed,
            owner.OrganizationId,
            "SupportView",
            viewId.ToString(),
            details: new { page = "/api-keys" },
            reason: "Ticket 4411",
            actor: new AuditActor(owner.UserId, ImpersonatorUserId: staff.UserId, SupportViewId: viewId, IpAddress: "198.51.100.4"));

        var entry = (await Factory.EntriesAsync(owner.OrganizationId)).Last();
        Assert.Equal(AuditActions.SupportViewPageViewed, entry.Action);
        Assert.Equal((owner.Email, staff.Email, viewId), (entry.ActorLabel, entry.ImpersonatorLabel, entry.SupportViewId));
        Assert.Equal(("{\"page\":\"/api-keys\"}", "Ticket 4411", "198.51.100.4"), (entry.After, entry.Reason, entry.IpAddress));
        Assert.True((await VerifyAsync(owner)).IsIntact);
    }

    [Fact]
    public async Task Entries_and_heads_cannot_be_changed_or_deleted_through_a_context()
    {
        var owner = await Factory.CreateAccountAsync();

        var change = await Assert.ThrowsAsync<InvalidOperationException>(() => Factory.WithDbAsync(async db =>
        {
            var entry = await db.AuditEntries.FirstAsync(e => e.ChainId == owner.OrganizationId);
            entry.Reason = "rewritten";
            return await db.SaveChangesAsync();
        }));
        var delete = await Assert.ThrowsAsync<InvalidOperationException>(() => Factory.WithDbAsync(async db =>
        {
            db.AuditChainHeads.Remove(await db.AuditChainHeads.SingleAsync(h => h.ChainId == owner.OrganizationId));
            return await db.SaveChangesAsync();
        }));

        Assert.Contains("append-only", change.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
        Assert.True((await VerifyAsync(owner)).IsIntact);
    }

    private async Task<AuditVerification> VerifyAsync(TestAccount account) =>
        (await Factory.Get<AuditLogService>().VerifyAsync(account.Actor, null, CancellationToken.None)).Value;
}
