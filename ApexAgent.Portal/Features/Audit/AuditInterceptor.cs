using System.Runtime.CompilerServices;
using ApexAgent.Domain.Compliance;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace ApexAgent.Portal.Features.Audit;

/// <summary>
/// Writes one audit entry per audited change (<see cref="AuditedChanges"/>) and seals every entry added explicitly
/// (<see cref="AuditTrail"/>), in the same transaction as the changes: each entry takes the next sequence of its
/// organisation's chain, links to the previous entry's hash, and the chain's head moves with it.
/// </summary>
/// <remarks>
/// Appending reads the head and then writes it, so writers of one chain must take turns. Without a transaction of
/// the caller's, the interceptor begins one before reading the head (on SQLite, <c>BEGIN IMMEDIATE</c>: the write
/// lock is taken at once) and commits or rolls it back when the save ends; a caller's transaction is used as it is.
/// The unique index on (chain, sequence) refuses a fork should two writers ever read the same head.
/// </remarks>
internal sealed class AuditInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, PendingAudit> pending = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        PrepareAsync(eventData.Context, async: false, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await PrepareAsync(eventData.Context, async: true, cancellationToken);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (Take(eventData.Context) is { } audit)
        {
            audit.Succeeded();
            using var transaction = audit.OwnTransaction;
            transaction?.Commit();
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (Take(eventData.Context) is { } audit)
        {
            audit.Succeeded();
            if (audit.OwnTransaction is { } transaction)
            {
                await using (transaction)
                {
                    await transaction.CommitAsync(cancellationToken);
                }
            }
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Abandon(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Abandon(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(eventData.Context);
        return Task.CompletedTask;
    }

    private async ValueTask PrepareAsync(DbContext? context, bool async, CancellationToken ct)
    {
        if (context is not PortalDbContext db)
        {
            return;
        }

        Abandon(db); // a previous save of this context that ended without telling us
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        if (autoDetect)
        {
            db.ChangeTracker.DetectChanges();
        }

        db.ChangeTracker.AutoDetectChangesEnabled = false; // detected once above, and once more by EF after this
        try
        {
            await AppendAsync(db, async, ct);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    private async ValueTask AppendAsync(PortalDbContext db, bool async, CancellationToken ct)
    {
        var entries = db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        RefuseTampering(entries);
        var changes = AuditedChanges.Describe(entries);
        var explicitEntries = entries.Where(e => e is { State: EntityState.Added, Entity: AuditEntry }).Select(e => (AuditEntry)e.Entity).ToList();
        if (changes.Count == 0 && explicitEntries.Count == 0)
        {
            return;
        }

        var audit = new PendingAudit(db);
        audit.Subscribe(() => Abandon(db)); // a concurrency failure reaches no interceptor, only this event
        pending.AddOrUpdate(db, audit);
        try
        {
            if (db.Database.CurrentTransaction is null)
            {
                audit.OwnTransaction = async ? await db.Database.BeginTransactionAsync(ct) : db.Database.BeginTransaction();
            }

            var now = clock.GetUtcNow();
            var ambient = ActingContext.Current;
            var drafts = changes.Select(change => Draft(change, ambient, now)).ToList();
            audit.Created.AddRange(drafts);
            drafts.AddRange(explicitEntries);
            await LabelAsync(db, drafts, async, ct);
            var chains = drafts.GroupBy(d => d.ChainId).ToList();
            var heads = await HeadsAsync(db, chains.Select(c => c.Key).ToList(), async, ct);
            foreach (var chain in chains)
            {
                var head = heads[chain.Key];
                audit.Heads.Add(head);
                var tip = head.LastSequence == 0 ? null : head.ToTip();
                foreach (var draft in chain)
                {
                    var record = AuditChain.Append(tip, draft.ToRecord());
                    draft.Seal(record);
                    tip = new AuditChainTip(record.Sequence, record.Hash);
                }

                head.LastSequence = tip!.Sequence;
                head.LastHash = tip.Hash;
                head.UpdatedAt = now;
            }

            db.AuditEntries.AddRange(audit.Created);
        }
        catch
        {
            Abandon(db);
            throw;
        }
    }

    /// <summary>The log is append-only, also through a context: entries are never updated or deleted, heads move only here.</summary>
    private static void RefuseTampering(List<EntityEntry> entries)
    {
        if (entries.Any(e => e.Entity is AuditEntry && e.State != EntityState.Added || e.Entity is AuditChainHead))
        {
            throw new InvalidOperationException("The audit log is append-only: its entries and chain heads cannot be changed or deleted.");
        }
    }

    private static AuditEntry Draft(AuditedChange change, ActingContext? ambient, DateTimeOffset now)
    {
        var actor = change.Actor ?? (ambient?.Actor is { } acting ? AuditActor.From(acting) : AuditActor.System);
        return new AuditEntry
        {
            Id = Guid.CreateVersion7(now),
            ChainId = AuditChain.For(change.OrganizationId),
            OccurredAt = now,
            OrganizationId = change.OrganizationId,
            ActorUserId = actor.UserId,
            ActorLabel = actor.Label,
            ApiKeyId = actor.ApiKeyId,
            ImpersonatorUserId = actor.ImpersonatorUserId,
            SupportViewId = actor.SupportViewId,
            Action = change.Action,
            EntityType = change.EntityType,
            EntityId = change.EntityId,
            Before = change.Before,
            After = change.After,
            IpAddress = actor.IpAddress ?? ambient?.IpAddress,
            Reason = change.Reason,
        };
    }

    /// <summary>Names people as they are known now (their email), from the change set or the database.</summary>
    private static async ValueTask LabelAsync(PortalDbContext db, List<AuditEntry> drafts, bool async, CancellationToken ct)
    {
        var wanted = drafts.Where(d => d.ActorLabel is null).Select(d => d.ActorUserId)
            .Concat(drafts.Where(d => d.ImpersonatorLabel is null).Select(d => d.ImpersonatorUserId))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (wanted.Count == 0)
        {
            return;
        }

        var labels = db.ChangeTracker.Entries<PortalUser>().Select(e => e.Entity).Where(u => wanted.Contains(u.Id) && u.Email is not null).ToDictionary(u => u.Id, u => u.Email!, StringComparer.Ordinal);
        var unknown = wanted.Where(id => !labels.ContainsKey(id)).ToList();
        if (unknown.Count > 0)
        {
            var query = db.Users.AsNoTracking().Where(u => unknown.Contains(u.Id) && u.Email != null).Select(u => new { u.Id, u.Email });
            foreach (var user in async ? await query.ToListAsync(ct) : query.ToList())
            {
                labels[user.Id] = user.Email!;
            }
        }

        foreach (var draft in drafts)
        {
            draft.ActorLabel ??= draft.ActorUserId is { } actor ? labels.GetValueOrDefault(actor) : null;
            draft.ImpersonatorLabel ??= draft.ImpersonatorUserId is { } staff ? labels.GetValueOrDefault(staff) : null;
        }
    }

    /// <summary>The chain's head as stored now (never a copy this context kept), tracked so that saving moves it.</summary>
    /// <summary>The heads of the chains being appended to, read in one query (a batch touches many organisations).</summary>
    private static async ValueTask<Dictionary<Guid, AuditChainHead>> HeadsAsync(PortalDbContext db, List<Guid> chainIds, bool async, CancellationToken ct)
    {
        foreach (var kept in db.ChangeTracker.Entries<AuditChainHead>().Where(h => chainIds.Contains(h.Entity.ChainId)).ToList())
        {
            kept.State = EntityState.Detached;
        }

        var query = db.AuditChainHeads.AsNoTracking().Where(h => chainIds.Contains(h.ChainId));
        var stored = (async ? await query.ToListAsync(ct) : query.ToList()).ToDictionary(h => h.ChainId);
        var heads = new Dictionary<Guid, AuditChainHead>(chainIds.Count);
        foreach (var chainId in chainIds)
        {
            if (stored.TryGetValue(chainId, out var head))
            {
                db.AuditChainHeads.Attach(head);
            }
            else
            {
                head = new AuditChainHead { ChainId = chainId };
                db.AuditChainHeads.Add(head);
            }

            heads[chainId] = head;
        }

        return heads;
    }

    private PendingAudit? Take(DbContext? context)
    {
        if (context is null || !pending.TryGetValue(context, out var audit))
        {
            return null;
        }

        pending.Remove(context);
        audit.Unsubscribe();
        return audit;
    }

    /// <summary>The save failed or was cancelled: roll back a transaction begun here and forget what was added for it.</summary>
    private void Abandon(DbContext? context)
    {
        if (Take(context) is not { } audit)
        {
            return;
        }

        audit.Failed();
        using var transaction = audit.OwnTransaction;
        try
        {
            transaction?.Rollback();
        }
        catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException)
        {
            // Already ended by the database (for example after a failed commit): nothing is left to undo.
        }
    }

    /// <summary>What one save of one context added for the audit log, and the transaction begun for it, if any.</summary>
    private sealed class PendingAudit(PortalDbContext db)
    {
        public IDbContextTransaction? OwnTransaction { get; set; }

        public List<AuditEntry> Created { get; } = [];

        public List<AuditChainHead> Heads { get; } = [];

        private EventHandler<SaveChangesFailedEventArgs>? onFailed;

        public void Subscribe(Action abandon)
        {
            onFailed = (_, _) => abandon();
            db.SaveChangesFailed += onFailed;
        }

        public void Unsubscribe() => db.SaveChangesFailed -= onFailed;

        /// <summary>Heads are read afresh at every save, so none is kept tracked.</summary>
        public void Succeeded() => Heads.ForEach(head => db.Entry(head).State = EntityState.Detached);

        /// <summary>Nothing was stored: the drafts made here go (they are made again on a retry), and so do the heads.</summary>
        public void Failed()
        {
            foreach (var entity in Created.Cast<object>().Concat(Heads))
            {
                db.Entry(entity).State = EntityState.Detached;
            }
        }
    }
}
