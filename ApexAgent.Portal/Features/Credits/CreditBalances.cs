using ApexAgent.Domain.Common;
using ApexAgent.Domain.Credits;
using ApexAgent.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Credits;

/// <summary>Reads an organisation's balance without consuming anything.</summary>
public sealed class CreditBalances(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    public async Task<CreditBalance> GetAsync(Guid organizationId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ReadAsync(db, organizationId, clock.GetUtcNow(), ct);
    }

    /// <summary>The available credits of many organisations in two grouped reads (the renewal batch announces 500 at once).</summary>
    public static async Task<IReadOnlyDictionary<Guid, Millicredits>> AvailableAsync(PortalDbContext db, IReadOnlyCollection<Guid> organizations, DateTimeOffset now, CancellationToken ct)
    {
        var live = await db.CreditGrants.AsNoTracking()
            .Where(g => organizations.Contains(g.OrganizationId) && g.Remaining > 0 && g.StartsAt <= now && g.ExpiresAt > now)
            .GroupBy(g => g.OrganizationId).Select(g => new { g.Key, Sum = g.Sum(x => x.Remaining) })
            .ToDictionaryAsync(g => g.Key, g => g.Sum, ct);
        var overdrawn = await db.CreditPools.AsNoTracking().Where(p => organizations.Contains(p.OrganizationId) && p.Overdrawn > 0)
            .ToDictionaryAsync(p => p.OrganizationId, p => p.Overdrawn, ct);
        return organizations.Distinct().ToDictionary(id => id, id => new Millicredits(live.GetValueOrDefault(id) - overdrawn.GetValueOrDefault(id)));
    }

    public static async Task<CreditBalance> ReadAsync(PortalDbContext db, Guid organizationId, DateTimeOffset now, CancellationToken ct)
    {
        var live = await db.CreditGrants.AsNoTracking()
            .Where(g => g.OrganizationId == organizationId && g.Remaining > 0 && g.StartsAt <= now && g.ExpiresAt > now)
            .Select(g => new { g.Kind, g.Remaining, g.ExpiresAt })
            .ToListAsync(ct);
        var pool = await db.CreditPools.AsNoTracking()
            .Where(p => p.OrganizationId == organizationId)
            .Select(p => new { p.Overdrawn, p.OverdraftAllowance })
            .FirstOrDefaultAsync(ct);
        var overdrawn = pool?.Overdrawn ?? 0;
        var byKind = live.GroupBy(g => g.Kind).OrderBy(g => g.Key)
            .Select(g => new CreditBalance.KindPart(g.Key, new Millicredits(g.Sum(x => x.Remaining)), g.Count()))
            .ToList();
        var nextExpiry = live.Count == 0 ? (DateTimeOffset?)null : live.Min(g => g.ExpiresAt);
        var expiringNext = live.Where(g => g.ExpiresAt == nextExpiry).Sum(g => g.Remaining);
        return new CreditBalance(
            new Millicredits(live.Sum(g => g.Remaining) - overdrawn),
            byKind,
            new Millicredits(overdrawn),
            new Millicredits(pool?.OverdraftAllowance ?? 0),
            nextExpiry,
            new Millicredits(expiringNext),
            now);
    }
}
