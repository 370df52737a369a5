using System.Net.Mail;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.ApiKeys;
using ApexAgent.Portal.Features.Email;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Organizations;

/// <summary>
/// The members of the acting person's organisation: listing them (within the acting person's scope), adding existing
/// users, inviting email addresses, changing roles and places, and removing members. Every rule about who may do
/// what to whom is <see cref="MembershipRules"/>'s; this service loads, asks, saves and tells the caches.
/// </summary>
public sealed class MemberService(
    IDbContextFactory<PortalDbContext> dbFactory,
    AccessDirectory directory,
    AccountSnapshots snapshots,
    ApiKeyVerifier keys,
    EmailOutbox mail,
    TimeProvider clock)
{
    private static readonly Error MemberNotFound = Error.NotFound("member", "member");
    private static readonly Error InvitationNotFound = Error.NotFound("invitation", "invitation");

    public async Task<Result<MemberPage>> ListAsync(Actor actor, MemberQuery query, CancellationToken ct)
    {
        if (!actor.Can(Permission.MembersRead))
        {
            return OrganizationService.Forbidden("see the members");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (tree, name) = await ContextAsync(db, actor, ct);
        var members = Visible(db, actor, tree);
        if (query.Unit is { } unit)
        {
            var below = tree.SubtreeOf(unit).ToList();
            members = members.Where(m => m.UnitId != null && below.Contains(m.UnitId.Value));
        }

        if (query.Role is { } role)
        {
            members = members.Where(m => m.Role == role);
        }

        var rows = from m in members
                   join u in db.Users on m.UserId equals u.Id
                   select new { Membership = m, u.Email, u.Profile.DisplayName };
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = query.Search.Trim().ToUpperInvariant();
            rows = rows.Where(r => r.Email!.ToUpper().Contains(search) || r.DisplayName.ToUpper().Contains(search));
        }

        var pageSize = Math.Clamp(query.PageSize, 1, 200);
        var page = Math.Clamp(query.Page, 1, 1_000_000);
        var total = await rows.CountAsync(ct);
        var items = await rows.OrderBy(r => r.DisplayName).ThenBy(r => r.Email)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new MemberPage(items.Select(r => View(r.Membership, r.Email, r.DisplayName, tree, name)).ToList(), total, page, pageSize);
    }

    public async Task<Result<MemberView>> GetAsync(Actor actor, Guid membershipId, CancellationToken ct)
    {
        if (!actor.Can(Permission.MembersRead))
        {
            return OrganizationService.Forbidden("see the members");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (tree, name) = await ContextAsync(db, actor, ct);
        var row = await (from m in db.Memberships.AsNoTracking()
                         where m.Id == membershipId && m.OrganizationId == actor.OrganizationId
                         join u in db.Users on m.UserId equals u.Id
                         select new { Membership = m, u.Email, u.Profile.DisplayName }).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return MemberNotFound;
        }

        return OrganizationAccess.Can([actor.Assignment], tree, Permission.MembersRead, row.Membership.UnitId)
            ? View(row.Membership, row.Email, row.DisplayName, tree, name)
            : MembershipRules.OutsideYourScope;
    }

    /// <summary>Adds an existing user at once, or emails an invitation to an address without an account.</summary>
    public async Task<Result<AddMemberOutcome>> AddAsync(Actor actor, AddMemberRequest request, Uri linkBase, CancellationToken ct)
    {
        if (Refusal(actor) is { } refused)
        {
            return refused;
        }

        if (!IsEmail(request.Email))
        {
            return Error.Invalid(new Dictionary<string, string[]> { ["Email"] = ["Enter an email address such as name@company.com."] });
        }

        var email = request.Email.Trim();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct); // the seat count holds until the save
        var (tree, name) = await ContextAsync(db, actor, ct);
        var target = new RoleAssignment(request.Role, request.UnitId);
        if (MembershipRules.CheckGrant(actor.Assignment, tree, target) is { } notAllowed)
        {
            return notAllowed;
        }

        var normalized = email.ToUpperInvariant();
        var existing = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => new { u.Id, u.Email, u.Profile.DisplayName }).FirstOrDefaultAsync(ct);
        if (existing is not null && await db.Memberships.AnyAsync(m => m.OrganizationId == actor.OrganizationId && m.UserId == existing.Id, ct))
        {
            return new Error("already_member", $"{email} is already a member of {name}.", ErrorKind.Conflict);
        }

        if (await OrganizationService.OpenInvitations(db, actor.OrganizationId).AnyAsync(i => i.Email == normalized && i.ExpiresAt > clock.GetUtcNow(), ct))
        {
            return new Error("already_invited", $"{email} already has an open invitation. Resend it or revoke it first.", ErrorKind.Conflict);
        }

        if (await SeatRefusalAsync(db, actor.OrganizationId, ct) is { } full)
        {
            return full;
        }

        var now = clock.GetUtcNow();
        var inviter = await InviterNameAsync(db, actor.UserId, ct);
        if (existing is not null)
        {
            var membership = new Membership { Id = Guid.CreateVersion7(now), OrganizationId = actor.OrganizationId, UserId = existing.Id, Role = target.Role, UnitId = target.Scope, CreatedAt = now };
            db.Memberships.Add(membership);
            mail.Stage(db, existing.Email!, $"You were added to {name} on ApexAgent", EmailTemplate.Render(
                $"You are now a member of {name}",
                [$"{inviter} added you to {name} as {target.Role} in {tree.PathOf(target.Scope, name)}.", "Switch to it from the organisation menu at the top of the portal."],
                "Open ApexAgent",
                linkBase.ToString()));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            await mail.DeliverSoonAsync(ct);
            directory.Forget(existing.Id);
            return new AddMemberOutcome(View(membership, existing.Email, existing.DisplayName, tree, name), null);
        }

        var token = InvitationToken.Generate();
        var invitation = new Invitation
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = actor.OrganizationId,
            Email = normalized,
            Role = target.Role,
            UnitId = target.Scope,
            InvitedByUserId = actor.UserId,
            TokenHash = InvitationToken.HashOf(token),
            CreatedAt = now,
            ExpiresAt = now + Invitation.Lifetime,
        };
        db.Invitations.Add(invitation);
        StageInvitationMail(db, email, invitation, token, linkBase, inviter, name, tree);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await mail.DeliverSoonAsync(ct);
        return new AddMemberOutcome(null, View(invitation, inviter, tree, name));
    }

    public async Task<Result<MemberView>> ChangeAsync(Actor actor, Guid membershipId, ChangeMemberRequest request, CancellationToken ct)
    {
        if (Refusal(actor) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct); // the owner count holds until the save
        var (tree, name) = await ContextAsync(db, actor, ct);
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.Id == membershipId && m.OrganizationId == actor.OrganizationId, ct);
        if (membership is null)
        {
            return MemberNotFound;
        }

        var after = new RoleAssignment(request.Role, request.UnitId);
        var refusal = MembershipRules.CheckManage(actor.Assignment, tree, membership.Assignment)
            ?? MembershipRules.CheckGrant(actor.Assignment, tree, after)
            ?? MembershipRules.CheckOwnersRemain(await OwnersAsync(db, actor.OrganizationId, ct), membership.Assignment, after);
        if (refusal is not null)
        {
            return refusal;
        }

        membership.Role = after.Role;
        membership.UnitId = after.Scope;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        directory.Forget(membership.UserId);
        snapshots.Forget(membership.UserId);
        var user = await db.Users.Where(u => u.Id == membership.UserId).Select(u => new { u.Email, u.Profile.DisplayName }).FirstAsync(ct);
        return View(membership, user.Email, user.DisplayName, tree, name);
    }

    /// <summary>Removes a member; their API keys for this organisation stop working at once.</summary>
    public async Task<Result<Guid>> RemoveAsync(Actor actor, Guid membershipId, CancellationToken ct)
    {
        if (Refusal(actor) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (tree, _) = await ContextAsync(db, actor, ct);
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.Id == membershipId && m.OrganizationId == actor.OrganizationId, ct);
        if (membership is null)
        {
            return MemberNotFound;
        }

        var refusal = MembershipRules.CheckManage(actor.Assignment, tree, membership.Assignment)
            ?? MembershipRules.CheckOwnersRemain(await OwnersAsync(db, actor.OrganizationId, ct), membership.Assignment, after: null);
        return refusal ?? await RemoveMembershipAsync(db, membership, ct);
    }

    /// <summary>The acting person leaves the organisation (not its last owner); they keep their own account and other organisations.</summary>
    public async Task<Result<Guid>> LeaveAsync(Actor actor, CancellationToken ct)
    {
        if (actor.RefuseIfReadOnly() is { } readOnly)
        {
            return readOnly;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.UserId == actor.UserId && m.OrganizationId == actor.OrganizationId, ct);
        if (membership is null)
        {
            return MemberNotFound;
        }

        if (await db.Memberships.CountAsync(m => m.UserId == actor.UserId, ct) == 1)
        {
            return new Error("only_organization", "This is your only organisation, so you cannot leave it. Delete your account instead.", ErrorKind.Conflict);
        }

        return MembershipRules.CheckOwnersRemain(await OwnersAsync(db, actor.OrganizationId, ct), membership.Assignment, after: null)
            ?? await RemoveMembershipAsync(db, membership, ct);
    }

    /// <summary>
    /// Before an account is deleted: refuses while it is the only owner of an organisation that has other members,
    /// else takes it out of every organisation (audited, keys revoked) so that deletion leaves no organisation ownerless.
    /// </summary>
    public async Task<Error?> LeaveAllBeforeAccountDeletionAsync(string userId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var memberships = await db.Memberships.Where(m => m.UserId == userId).ToListAsync(ct);
        foreach (var membership in memberships)
        {
            var others = await db.Memberships.CountAsync(m => m.OrganizationId == membership.OrganizationId && m.UserId != userId, ct);
            if (others > 0 && MembershipRules.CheckOwnersRemain(await OwnersAsync(db, membership.OrganizationId, ct), membership.Assignment, after: null) is not null)
            {
                var name = await db.Organizations.Where(o => o.Id == membership.OrganizationId).Select(o => o.Name).FirstAsync(ct);
                return new Error("last_owner", $"You are the only owner of {name}, which has other members. Make one of them an owner before closing your account.", ErrorKind.Conflict);
            }
        }

        await RemoveMembershipsAsync(db, userId, memberships, ct);
        return null;
    }

    /// <summary>Removes one member: their keys for the organisation are revoked in the same save, and stop at once.</summary>
    private async Task<Result<Guid>> RemoveMembershipAsync(PortalDbContext db, Membership membership, CancellationToken ct)
    {
        await RemoveMembershipsAsync(db, membership.UserId, [membership], ct);
        return membership.Id;
    }

    /// <summary>Removes <paramref name="memberships"/> of one person, revokes their keys for those organisations, and commits.</summary>
    private async Task RemoveMembershipsAsync(PortalDbContext db, string userId, IReadOnlyList<Membership> memberships, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var organizations = memberships.Select(m => m.OrganizationId).ToList();
        var theirKeys = await db.ApiKeys.Where(k => k.UserId == userId && organizations.Contains(k.OrganizationId) && k.RevokedAt == null).ToListAsync(ct);
        theirKeys.ForEach(k => k.Revoke(now));
        db.Memberships.RemoveRange(memberships);
        await db.SaveChangesAsync(ct);
        await db.Database.CommitTransactionAsync(ct);
        theirKeys.ForEach(k => keys.Forget(k.SecretHash));
        directory.Forget(userId);
        snapshots.Forget(userId);
    }

    public async Task<Result<IReadOnlyList<InvitationView>>> ListInvitationsAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.Can(Permission.MembersRead))
        {
            return OrganizationService.Forbidden("see the invitations");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (tree, name) = await ContextAsync(db, actor, ct);
        var scope = actor.Assignment.Scope is null ? null : tree.SubtreeOf(actor.Assignment.Scope).ToList();
        var open = OrganizationService.OpenInvitations(db, actor.OrganizationId).AsNoTracking();
        if (scope is not null)
        {
            open = open.Where(i => i.UnitId != null && scope.Contains(i.UnitId.Value));
        }

        var rows = await (from i in open
                          join u in db.Users on i.InvitedByUserId equals u.Id into inviters
                          from u in inviters.DefaultIfEmpty()
                          orderby i.CreatedAt descending
                          select new { Invitation = i, Inviter = u == null ? null : u.Profile.DisplayName }).ToListAsync(ct);
        return rows.Select(r => View(r.Invitation, r.Inviter ?? "", tree, name)).ToList();
    }

    public async Task<Result<InvitationView>> RevokeInvitationAsync(Actor actor, Guid invitationId, CancellationToken ct)
    {
        var found = await ManageableInvitationAsync(actor, invitationId, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var (db, invitation, tree, name) = found.Value;
        await using (db)
        {
            invitation.RevokedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            await db.Database.CommitTransactionAsync(ct);
            return View(invitation, await InviterNameAsync(db, invitation.InvitedByUserId, ct), tree, name);
        }
    }

    /// <summary>Sends a fresh link (the old one stops working) and gives the invitation a new week.</summary>
    public async Task<Result<InvitationView>> ResendInvitationAsync(Actor actor, Guid invitationId, Uri linkBase, CancellationToken ct)
    {
        var found = await ManageableInvitationAsync(actor, invitationId, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var (db, invitation, tree, name) = found.Value;
        await using (db)
        {
            // An expired invitation no longer holds a seat: giving it a new week takes one again.
            if (invitation.ExpiresAt <= clock.GetUtcNow() && await SeatRefusalAsync(db, actor.OrganizationId, ct) is { } full)
            {
                return full;
            }

            var token = InvitationToken.Generate();
            invitation.TokenHash = InvitationToken.HashOf(token);
            invitation.ExpiresAt = clock.GetUtcNow() + Invitation.Lifetime;
            var inviter = await InviterNameAsync(db, actor.UserId, ct);
            StageInvitationMail(db, invitation.Email.ToLowerInvariant(), invitation, token, linkBase, inviter, name, tree);
            await db.SaveChangesAsync(ct);
            await db.Database.CommitTransactionAsync(ct);
            await mail.DeliverSoonAsync(ct);
            return View(invitation, inviter, tree, name);
        }
    }

    private async Task<Result<(PortalDbContext Db, Invitation Invitation, OrganizationTree Tree, string Name)>> ManageableInvitationAsync(Actor actor, Guid invitationId, CancellationToken ct)
    {
        if (Refusal(actor) is { } refused)
        {
            return refused;
        }

        var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.BeginTransactionAsync(ct);
        var (tree, name) = await ContextAsync(db, actor, ct);
        var invitation = await OrganizationService.OpenInvitations(db, actor.OrganizationId).FirstOrDefaultAsync(i => i.Id == invitationId, ct);
        var refusal = invitation is null ? InvitationNotFound : MembershipRules.CheckManage(actor.Assignment, tree, invitation.Assignment);
        if (refusal is not null)
        {
            await db.DisposeAsync();
            return refusal;
        }

        return (db, invitation!, tree, name);
    }

    private void StageInvitationMail(PortalDbContext db, string email, Invitation invitation, string token, Uri linkBase, string inviter, string organizationName, OrganizationTree tree) =>
        mail.Stage(db, email, $"{inviter} invited you to {organizationName} on ApexAgent", EmailTemplate.Render(
            $"Join {organizationName} on ApexAgent",
            [
                $"{inviter} invited you to join {organizationName} as {invitation.Role} in {tree.PathOf(invitation.UnitId, organizationName)}.",
                $"The link works once and expires on {invitation.ExpiresAt.UtcDateTime:d MMMM yyyy} (UTC). Sign in or create an account with this email address to accept.",
            ],
            "Accept the invitation",
            new Uri(linkBase, $"invitations/{token}").ToString()));

    internal async Task<Error?> SeatRefusalAsync(PortalDbContext db, Guid organizationId, CancellationToken ct)
    {
        var seats = await OrganizationService.SeatsAsync(db, organizationId, ct);
        var taken = await db.Memberships.CountAsync(m => m.OrganizationId == organizationId, ct)
            + await OrganizationService.OpenInvitations(db, organizationId).CountAsync(i => i.ExpiresAt > clock.GetUtcNow(), ct);
        return taken < seats
            ? null
            : new Error(
                "seat_limit_reached",
                seats <= 1
                    ? "This plan has one seat. Move to the Team plan to invite colleagues."
                    : $"All {seats} seats are taken (members and open invitations). Add seats or revoke an invitation first.",
                ErrorKind.Conflict);
    }

    private static async Task<(OrganizationTree Tree, string Name)> ContextAsync(PortalDbContext db, Actor actor, CancellationToken ct)
    {
        var name = await db.Organizations.Where(o => o.Id == actor.OrganizationId).Select(o => o.Name).FirstAsync(ct);
        return (await OrganizationService.TreeAsync(db, actor.OrganizationId, ct), name);
    }

    /// <summary>The memberships within the actor's scope: all of them for a role held at the organisation.</summary>
    private static IQueryable<Membership> Visible(PortalDbContext db, Actor actor, OrganizationTree tree)
    {
        var members = db.Memberships.AsNoTracking().Where(m => m.OrganizationId == actor.OrganizationId);
        if (actor.Assignment.Scope is null)
        {
            return members;
        }

        var scope = tree.SubtreeOf(actor.Assignment.Scope).ToList();
        return members.Where(m => m.UnitId != null && scope.Contains(m.UnitId.Value));
    }

    private static Task<int> OwnersAsync(PortalDbContext db, Guid organizationId, CancellationToken ct) =>
        db.Memberships.CountAsync(m => m.OrganizationId == organizationId && m.Role == OrganizationRole.Owner && m.UnitId == null, ct);

    private static async Task<string> InviterNameAsync(PortalDbContext db, string userId, CancellationToken ct)
    {
        var user = await db.Users.Where(u => u.Id == userId).Select(u => new { u.Email, u.Profile.DisplayName }).FirstOrDefaultAsync(ct);
        return user is null ? "Someone" : string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? "Someone" : user.DisplayName;
    }

    private static MemberView View(Membership m, string? email, string? displayName, OrganizationTree tree, string organizationName) =>
        new(m.Id, m.UserId, string.IsNullOrWhiteSpace(displayName) ? email ?? "" : displayName, email ?? "", m.Role, m.UnitId, tree.PathOf(m.UnitId, organizationName), m.CreatedAt);

    private static InvitationView View(Invitation i, string inviter, OrganizationTree tree, string organizationName) =>
        new(i.Id, i.Email.ToLowerInvariant(), i.Role, i.UnitId, tree.PathOf(i.UnitId, organizationName), inviter, i.CreatedAt, i.ExpiresAt);

    private static Error? Refusal(Actor actor) =>
        actor.RefuseIfReadOnly() ?? (actor.Can(Permission.MembersManage) ? null : OrganizationService.Forbidden("manage members"));

    private static bool IsEmail(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= 256 && MailAddress.TryCreate(value.Trim(), out var address) && address.Address == value.Trim();

}
