using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Account;

/// <summary>Reads and saves the profile of the person acting.</summary>
public sealed class ProfileService(IDbContextFactory<PortalDbContext> dbFactory, AccountSnapshots snapshots)
{
    public async Task<ProfileDetails?> GetAsync(Actor actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == actor.UserId, ct);
        return user is null ? null : user.Profile with { };
    }

    public async Task<Result<ProfileDetails>> SaveAsync(Actor actor, ProfileDetails profile, CancellationToken ct)
    {
        if (actor.RefuseIfReadOnly() is { } readOnly)
        {
            return readOnly;
        }

        if (!actor.Can(Permission.ProfileManage))
        {
            return new Error("forbidden", "You may not change this profile.", ErrorKind.Forbidden);
        }

        var valid = profile.Validate();
        if (!valid.IsSuccess)
        {
            return valid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == actor.UserId, ct);
        if (user is null)
        {
            return Error.NotFound("user", "user");
        }

        user.Profile = valid.Value;
        await db.SaveChangesAsync(ct);
        snapshots.Forget(actor.UserId);
        return valid;
    }
}
