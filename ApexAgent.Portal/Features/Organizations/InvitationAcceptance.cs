using ApexAgent.Domain.Common;
using ApexAgent.Domain.Compliance;
using ApexAgent.Portal.Features.Audit;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Organizations;

/// <summary>What the emailed invitation link does: shows the offer, and lets the invited person accept it once.</summary>
public sealed class InvitationAcceptance(IDbContextFactory<PortalDbContext> dbFactory, AccessDirectory directory, AuditTrail audit, TimeProvider clock)
{
    public static readonly Error NotFound = new(
        "invitation_not_found", "This invitation link is not valid. Ask for a new invitation.", ErrorKind.NotFound);

    public async Task<Result<InvitationLanding>> LandingAsync(string token, CancellationToken ct)
    {
        if (!InvitationToken.HasValidFormat(token))
        {
            return NotFound;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hash = InvitationToken.HashOf(token);
        var found = await (from sent in db.Invitations.AsNoTracking()
                           where sent.TokenHash == hash
                           join o in db.Organizations on sent.OrganizationId equals o.Id
                           join u in db.Users on sent.InvitedByUserId equals u.Id into inviters
                           from u in inviters.DefaultIfEmpty()
                           select new { Invitation = sent, Organization = o.Name, Inviter = u == null ? null : u.Profile.DisplayName }).FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return NotFound;
        }

        var i = found.Invitation;
        var tree = await OrganizationService.TreeAsync(db, i.OrganizationId, ct);
        var state = i.AcceptedAt is not null ? InvitationState.Accepted
            : i.RevokedAt is not null ? InvitationState.Revoked
            : i.ExpiresAt <= clock.GetUtcNow() ? InvitationState.Expired
            : InvitationState.Open;
        return new InvitationLanding(found.Organization, found.Inviter ?? "Someone", i.Email.ToLowerInvariant(), i.Role, tree.PathOf(i.UnitId, found.Organization), i.ExpiresAt, state);
    }

    /// <summary>Makes the signed-in person a member as the invitation says, and switches them to the organisation.</summary>
    public async Task<Result<Guid>> AcceptAsync(string userId, string token, CancellationToken ct)
    {
        if (!InvitationToken.HasValidFormat(token))
        {
            return NotFound;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct); // seats and single use hold until the save
        var hash = InvitationToken.HashOf(token);
        var invitation = await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.TokenHash == hash, ct);
        var now = clock.GetUtcNow();
        if (invitation is null)
        {
            return NotFound;
        }

        if (!invitation.IsOpenAt(now))
        {
            return new Error("invitation_closed", "This invitation was already used, revoked or has expired. Ask for a new one.", ErrorKind.Conflict);
        }

        var user = await db.Users.FirstAsync(u => u.Id == userId, ct);
        if (!string.Equals(user.NormalizedEmail, invitation.Email, StringComparison.Ordinal))
        {
            return new Error(
                "invitation_for_another_email",
                $"This invitation was sent to {invitation.Email.ToLowerInvariant()}. Sign in with that address to accept it.",
                ErrorKind.Forbidden);
        }

        var alreadyMember = await db.Memberships.AnyAsync(m => m.OrganizationId == invitation.OrganizationId && m.UserId == userId, ct);
        var seats = await OrganizationService.SeatsAsync(db, invitation.OrganizationId, ct);
        if (!alreadyMember && await db.Memberships.CountAsync(m => m.OrganizationId == invitation.OrganizationId, ct) >= seats)
        {
            return new Error("seat_limit_reached", "Every seat of this organisation is taken. Ask the person who invited you to add a seat.", ErrorKind.Conflict);
        }

        var claimed = await db.Invitations
            .Where(i => i.Id == invitation.Id && i.AcceptedAt == null && i.RevokedAt == null)
            .ExecuteUpdateAsync(i => i.SetProperty(x => x.AcceptedAt, now).SetProperty(x => x.AcceptedByUserId, userId), ct);
        if (claimed == 0)
        {
            return new Error("invitation_closed", "This invitation was already used.", ErrorKind.Conflict);
        }

        if (!alreadyMember)
        {
            db.Memberships.Add(new Membership
            {
                Id = Guid.CreateVersion7(now),
                OrganizationId = invitation.OrganizationId,
                UserId = userId,
                Role = invitation.Role,
                UnitId = invitation.UnitId,
                CreatedAt = now,
            });
        }

        user.CurrentOrganizationId = invitation.OrganizationId;
        audit.Add(
            db,
            AuditActions.InvitationAccepted,
            invitation.OrganizationId,
            nameof(Invitation),
            invitation.Id.ToString(),
            new { email = invitation.Email.ToLowerInvariant(), role = invitation.Role.ToString(), unitId = invitation.UnitId },
            actor: new AuditActor(userId, user.Email, IpAddress: ActingContext.Current?.IpAddress));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        directory.Forget(userId);
        return invitation.OrganizationId;
    }
}
