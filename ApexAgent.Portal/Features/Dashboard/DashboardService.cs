using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Catalog;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Dashboard;

public sealed class DashboardService(IDbContextFactory<PortalDbContext> dbFactory, AccountSnapshots snapshots, TierCatalog catalog, TimeProvider clock)
{
    public async Task<DashboardView?> LoadAsync(Actor actor, CancellationToken ct)
    {
        var account = await snapshots.GetAsync(actor, ct);
        if (account is null)
        {
            return null;
        }

        var tier = await catalog.VersionAsync(account.Tier, account.TierVersion, ct);
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var activeKeys = await db.ApiKeys.CountAsync(
            k => k.OrganizationId == actor.OrganizationId && k.UserId == actor.UserId && k.RevokedAt == null && (k.ExpiresAt == null || k.ExpiresAt > now),
            ct);
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == actor.UserId)
            .Select(u => new { u.TwoFactorEnabled, u.Profile.Country, u.Profile.AddressLine1 })
            .FirstAsync(ct);
        return new DashboardView(account, tier, activeKeys, user.TwoFactorEnabled, user.Country is not null && user.AddressLine1 is not null);
    }
}
