using System.Data;
using System.Data.Common;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Compliance;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Audit;

/// <summary>
/// Reading and verifying audit logs. Organisation admins reach their own organisation's log only; platform admins
/// (<see cref="Permission.AuditReadAll"/>) reach every organisation's and the platform's.
/// </summary>
public sealed class AuditLogService(IDbContextFactory<PortalDbContext> dbFactory)
{
    public const int MaxPageSize = 100;
    public const string PlatformName = "Platform (no organisation)";

    public async Task<Result<AuditLogPage>> ListAsync(Actor actor, AuditLogQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var chain = ChainOf(actor, query.OrganizationId, query.AllOrganizations);
        if (!chain.IsSuccess)
        {
            return chain.Error;
        }

        if (query.Page < 0 || query.PageSize is < 1 or > MaxPageSize || query.From > query.To)
        {
            return Error.Invalid(new Dictionary<string, string[]>
            {
                ["query"] = [$"Pages start at the first; a page holds 1 to {MaxPageSize} entries; the range must not end before it starts."],
            });
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entries = db.AuditEntries.AsNoTracking();
        entries = chain.Value is { } chainId ? entries.Where(e => e.ChainId == chainId) : entries;
        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            var action = query.Action.Trim();
            entries = entries.Where(e => e.Action == action);
        }

        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            var who = query.Actor.Trim().ToLowerInvariant();
            entries = entries.Where(e =>
                (e.ActorLabel != null && e.ActorLabel.ToLower().Contains(who))
                || e.ActorUserId == query.Actor.Trim()
                || (e.ImpersonatorLabel != null && e.ImpersonatorLabel.ToLower().Contains(who)));
        }

        if (query.From is { } from)
        {
            entries = entries.Where(e => e.OccurredAt >= from);
        }

        if (query.To is { } to)
        {
            entries = entries.Where(e => e.OccurredAt < to);
        }

        var total = await entries.CountAsync(ct);
        var ordered = chain.Value is null
            ? entries.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Sequence)
            : entries.OrderByDescending(e => e.Sequence);
        var items = await ordered.Skip(query.Page * query.PageSize).Take(query.PageSize).ToListAsync(ct);
        return new AuditLogPage(items, query.Page, query.PageSize, total);
    }

    /// <summary>Verifies one log: the actor's own organisation's unless a platform admin names another.</summary>
    public async Task<Result<AuditVerification>> VerifyAsync(Actor actor, Guid? organizationId, CancellationToken ct)
    {
        var chain = ChainOf(actor, organizationId, all: false);
        if (!chain.IsSuccess)
        {
            return chain.Error;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await VerifyAsync(db, chain.Value!.Value, ct);
    }

    /// <summary>Verifies every log (platform admins only): each organisation's and the platform's.</summary>
    public async Task<Result<IReadOnlyList<AuditChainStatus>>> VerifyAllAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.Can(Permission.AuditReadAll))
        {
            return Forbidden();
        }

        var chains = await ChainsAsync(ct);
        var results = new List<AuditChainStatus>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        foreach (var chain in chains)
        {
            results.Add(new AuditChainStatus(chain.ChainId, chain.Name, await VerifyAsync(db, chain.ChainId, ct)));
        }

        return results;
    }

    /// <summary>The logs a platform admin can choose from, the platform's first, then organisations by name.</summary>
    public async Task<Result<IReadOnlyList<AuditChainOption>>> ChainsAsync(Actor actor, CancellationToken ct) =>
        actor.Can(Permission.AuditReadAll) ? Result<IReadOnlyList<AuditChainOption>>.Success(await ChainsAsync(ct)) : Forbidden();

    private async Task<IReadOnlyList<AuditChainOption>> ChainsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = (await db.AuditChainHeads.AsNoTracking().Select(h => h.ChainId).ToListAsync(ct))
            .Union(await db.AuditEntries.AsNoTracking().Select(e => e.ChainId).Distinct().ToListAsync(ct))
            .ToHashSet();
        var names = await db.Organizations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var options = ids
            .Select(id => new AuditChainOption(id, id == AuditChain.Platform ? PlatformName : names.GetValueOrDefault(id) ?? $"Deleted organisation {id}"))
            .ToList();
        var shared = options.GroupBy(o => o.Name, StringComparer.CurrentCultureIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.CurrentCultureIgnoreCase);
        return options
            .Select(o => shared.Contains(o.Name) ? o with { Name = $"{o.Name} ({o.ChainId.ToString()[^8..]})" } : o) // two organisations may share a name
            .OrderBy(c => c.ChainId != AuditChain.Platform)
            .ThenBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
    }

    /// <summary>
    /// Reads the head and the entries in one snapshot, so that entries appended meanwhile are neither half seen nor
    /// mistaken for tampering; on SQLite a deferred transaction gives that without taking the write lock.
    /// </summary>
    private static async Task<AuditVerification> VerifyAsync(PortalDbContext db, Guid chainId, CancellationToken ct)
    {
        DbTransaction? deferred = null;
        if (db.Database.IsSqlite())
        {
            await db.Database.OpenConnectionAsync(ct);
            deferred = ((SqliteConnection)db.Database.GetDbConnection()).BeginTransaction(deferred: true);
        }

        try
        {
            await using var snapshot = deferred is null
                ? await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct)
                : await db.Database.UseTransactionAsync(deferred, ct);
            var head = await db.AuditChainHeads.AsNoTracking().Where(h => h.ChainId == chainId).Select(h => new AuditChainTip(h.LastSequence, h.LastHash)).FirstOrDefaultAsync(ct);
            var verifier = new AuditChainVerifier(chainId);
            await foreach (var entry in db.AuditEntries.AsNoTracking().Where(e => e.ChainId == chainId).OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct))
            {
                verifier.Add(entry.ToRecord());
                if (verifier.IsSettled)
                {
                    break;
                }
            }

            return verifier.Complete(head);
        }
        finally
        {
            if (deferred is not null)
            {
                await deferred.DisposeAsync(); // a read-only snapshot: ending it rolls nothing back
            }
        }
    }

    /// <summary>Whose log the actor may read: null for every log (platform admins only).</summary>
    private static Result<Guid?> ChainOf(Actor actor, Guid? requested, bool all)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var readAll = actor.Can(Permission.AuditReadAll);
        if (all)
        {
            return readAll ? Result<Guid?>.Success(null) : Forbidden();
        }

        var chain = requested ?? actor.OrganizationId;
        return readAll || (chain == actor.OrganizationId && actor.Can(Permission.AuditRead)) ? Result<Guid?>.Success(chain) : Forbidden();
    }

    private static Error Forbidden() => new("forbidden", "You are not allowed to read this audit log.", ErrorKind.Forbidden);
}
