using ApexAgent.Domain.Common;
using ApexAgent.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Credits.Live;

/// <summary>
/// Reads an organisation's ledger and grants for the credits page and the read API. Every query names the organisation
/// explicitly: nothing of another organisation is ever read.
/// </summary>
public sealed class CreditLedgerReader(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>The most grants one answer lists (ended grants accumulate: a daily refresh a day).</summary>
    public const int LargestGrantList = 200;

    public async Task<LedgerPage> PageAsync(Guid organizationId, LedgerQuery query, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entries = db.CreditEntries.AsNoTracking().Where(e => e.OrganizationId == organizationId);
        if (query.Before is { } before)
        {
            entries = entries.Where(e => e.Id < before);
        }

        if (query.Kind is { } kind)
        {
            entries = entries.Where(e => e.Kind == kind);
        }

        if (query.From is { } from)
        {
            entries = entries.Where(e => e.At >= from);
        }

        if (query.To is { } to)
        {
            entries = entries.Where(e => e.At < to);
        }

        var limit = Math.Clamp(query.Limit, 1, LedgerQuery.LargestLimit);
        var rows = await entries.OrderByDescending(e => e.Id).Take(limit + 1).ToListAsync(ct);
        var page = rows.Take(limit).ToList();
        var grantIds = page.Where(e => e.GrantId is not null).Select(e => e.GrantId!.Value).Distinct().ToList();
        var names = grantIds.Count == 0
            ? new Dictionary<Guid, string>()
            : await db.CreditGrants.AsNoTracking()
                .Where(g => g.OrganizationId == organizationId && grantIds.Contains(g.Id))
                .Select(g => new { g.Id, g.Description })
                .ToDictionaryAsync(g => g.Id, g => g.Description, ct);
        var lines = page.Select(e => new LedgerLine(
                e.Id, e.Kind, new Millicredits(e.Change), e.At, e.GrantId, e.GrantKind,
                e.GrantId is { } id && names.TryGetValue(id, out var name) ? name : null,
                e.UsageEventId, e.UserId, e.Reverses, e.Note))
            .ToList();
        return new LedgerPage(lines, rows.Count > limit ? page[^1].Id : null);
    }

    /// <summary>Live grants in burn order (soonest expiry first), or ended grants, latest first.</summary>
    public async Task<IReadOnlyList<Grant>> GrantsAsync(Guid organizationId, GrantStatus status, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var grants = db.CreditGrants.AsNoTracking().Where(g => g.OrganizationId == organizationId);
        var list = status == GrantStatus.Live
            ? await grants.Where(g => g.ExpiresAt > now).OrderBy(g => g.ExpiresAt).ThenBy(g => g.Kind).ThenBy(g => g.CreatedAt).Take(LargestGrantList).ToListAsync(ct)
            : await grants.Where(g => g.ExpiresAt <= now).OrderByDescending(g => g.ExpiresAt).ThenBy(g => g.Kind).Take(LargestGrantList).ToListAsync(ct);
        return list;
    }
}
