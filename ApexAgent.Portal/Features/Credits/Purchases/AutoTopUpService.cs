using System.Collections.Concurrent;
using System.Globalization;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Credits;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Organizations;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Credits.Purchases;

/// <summary>
/// Auto top-up: its settings (on <see cref="CreditPool"/>), and the check that buys the chosen pack when the balance is
/// under the threshold. The check runs under the database's write lock and is guarded by the database: the n-th
/// attempt of a month has the request key <c>auto:{yyyy-MM}:{n}</c> (unique per organisation) and at most one purchase
/// per organisation is charging at a time (a filtered unique index), so two instances or two events never buy twice.
/// A failed top-up sets <see cref="CreditPool.AutoTopUpFailedAt"/>: no retry until the payment method changes.
/// </summary>
public sealed class AutoTopUpService(IDbContextFactory<PortalDbContext> dbFactory, CreditPurchaseService purchases, TimeProvider clock)
{
    public const int MaxMonthlyLimit = 10;

    /// <summary>Organisations with auto top-up on and not failed → threshold (millicredits): the feed listener's filter, so a usage event costs no query.</summary>
    private readonly ConcurrentDictionary<Guid, long> armed = new();
    private readonly ConcurrentDictionary<Guid, byte> checking = new();
    private int loaded;

    public async Task<Result<AutoTopUpSettings>> GetAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.Can(Permission.CreditsRead))
        {
            return OrganizationService.Forbidden("see auto top-up");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ReadAsync(db, actor.OrganizationId, ct);
    }

    public async Task<Result<AutoTopUpSettings>> SaveAsync(Actor actor, AutoTopUpChange change, CancellationToken ct)
    {
        if (!actor.Can(Permission.CreditsPurchase))
        {
            return OrganizationService.Forbidden("change auto top-up");
        }

        if (actor.RefuseIfReadOnly() is { } readOnly)
        {
            return readOnly;
        }

        var pack = CreditPack.Find(change.Pack);
        var errors = new FieldErrors()
            .Require(pack is not null, "pack", $"Choose one of the packs: {string.Join(", ", CreditPack.All.Select(p => p.Code))}.")
            .Require(change.MonthlyLimit is >= 1 and <= MaxMonthlyLimit, "monthlyLimit", $"Auto top-up buys 1 to {MaxMonthlyLimit} packs a month.")
            .Require(change.ThresholdCredits >= 0, "threshold", "The threshold is a number of credits, zero or more.");
        if (pack is not null && change.ThresholdCredits > pack.Credits)
        {
            errors.Require(false, "threshold", $"The threshold can be at most the pack's {pack.Name}, so one top-up lifts the balance back over it.");
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (change.Enabled && !await HasMethodAsync(db, actor.OrganizationId, ct))
        {
            return CreditPurchaseService.PaymentMethodRequired;
        }

        var pool = await PoolAsync(db, actor.OrganizationId, ct);
        pool.AutoTopUpEnabled = change.Enabled;
        pool.AutoTopUpThreshold = Millicredits.FromCredits(change.ThresholdCredits).Value;
        pool.AutoTopUpPack = pack!.Code;
        pool.AutoTopUpMonthlyLimit = change.MonthlyLimit;
        pool.Version++;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        Arm(pool);
        if (pool.AutoTopUpEnabled && pool.AutoTopUpFailedAt is null)
        {
            Kick(actor.OrganizationId);
        }

        return await ReadAsync(db, actor.OrganizationId, ct);
    }

    /// <summary>A balance change: buy if the organisation is armed and the balance is under its threshold.</summary>
    public async Task OnBalanceChangedAsync(BalanceChange change, CancellationToken ct)
    {
        if (Volatile.Read(ref loaded) == 0)
        {
            await RefreshArmedAsync(ct);
        }

        if (armed.TryGetValue(change.OrganizationId, out var threshold) && change.Available.Value < threshold)
        {
            await CheckAsync(change.OrganizationId, ct);
        }
    }

    /// <summary>Buys the pack if auto top-up is due now; answers the purchase, or null when nothing was due.</summary>
    public async Task<Result<PackPurchaseResult>?> CheckAsync(Guid organizationId, CancellationToken ct)
    {
        if (!checking.TryAdd(organizationId, 0))
        {
            return null; // this process is already checking it (the database guards other processes)
        }

        try
        {
            CreditPack? pack;
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                var pool = await db.CreditPools.AsNoTracking().FirstOrDefaultAsync(p => p.OrganizationId == organizationId, ct);
                pack = pool is { AutoTopUpEnabled: true, AutoTopUpFailedAt: null } ? CreditPack.Find(pool.AutoTopUpPack) : null;
            }

            if (pack is null)
            {
                return null;
            }

            var bought = await purchases.PurchaseAsync(organizationId, pack, CreditPurchaseTrigger.AutoTopUp, null, null,
                (db, now) => DueAsync(db, organizationId, now, ct), ct);
            if (!bought.IsSuccess && bought.Error.Code == "not_due")
            {
                return null;
            }

            await RefreshOneAsync(organizationId, ct);
            return bought;
        }
        finally
        {
            checking.TryRemove(organizationId, out _);
        }
    }

    /// <summary>The periodic check, in case a balance change was missed (another instance, a restart): every armed organisation under its threshold.</summary>
    public async Task<int> CheckAllAsync(CancellationToken ct)
    {
        await RefreshArmedAsync(ct);
        var bought = 0;
        foreach (var organizationId in armed.Keys.ToList())
        {
            var balance = await CreditBalancesOf(organizationId, ct);
            if (armed.TryGetValue(organizationId, out var threshold) && balance.Value < threshold && await CheckAsync(organizationId, ct) is { IsSuccess: true })
            {
                bought++;
            }
        }

        return bought;
    }

    /// <summary>A new default payment method: auto top-up may try again (called by <see cref="Billing.Payments.PaymentMethodService"/>).</summary>
    public async Task PaymentMethodChangedAsync(Guid organizationId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pool = await db.CreditPools.FirstOrDefaultAsync(p => p.OrganizationId == organizationId, ct);
        if (pool?.AutoTopUpFailedAt is null)
        {
            return;
        }

        pool.AutoTopUpFailedAt = null;
        pool.Version++;
        await db.SaveChangesAsync(ct);
        Arm(pool);
        Kick(organizationId);
    }

    /// <summary>Checks one organisation in the background (after a settings or payment method change).</summary>
    private void Kick(Guid organizationId) => _ = Task.Run(async () =>
    {
        try
        {
            await CheckAsync(organizationId, CancellationToken.None);
        }
        catch (Exception e) when (e is ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // shutting down; the periodic check picks it up
        }
    });

    /// <summary>Under the write lock: still enabled, not failed, under the threshold and under the month's limit → the request key of this attempt.</summary>
    private async Task<Result<string>> DueAsync(PortalDbContext db, Guid organizationId, DateTimeOffset now, CancellationToken ct)
    {
        var pool = await db.CreditPools.AsNoTracking().FirstOrDefaultAsync(p => p.OrganizationId == organizationId, ct);
        if (pool is not { AutoTopUpEnabled: true, AutoTopUpFailedAt: null })
        {
            return NotDue;
        }

        var balance = await CreditBalances.ReadAsync(db, organizationId, now, ct);
        if (balance.Available.Value >= pool.AutoTopUpThreshold)
        {
            return NotDue;
        }

        var month = await MonthKeyAsync(db, organizationId, now, ct);
        var prefix = $"auto:{month}:";
        var attempts = await db.CreditPurchases.Where(p => p.OrganizationId == organizationId && p.RequestKey.StartsWith(prefix))
            .Select(p => p.Status).ToListAsync(ct);
        if (attempts.Count(s => s == CreditPurchaseStatus.Paid) >= pool.AutoTopUpMonthlyLimit)
        {
            return NotDue;
        }

        return $"{prefix}{attempts.Count + 1}";
    }

    private async Task<AutoTopUpSettings> ReadAsync(PortalDbContext db, Guid organizationId, CancellationToken ct)
    {
        var pool = await db.CreditPools.AsNoTracking().FirstOrDefaultAsync(p => p.OrganizationId == organizationId, ct) ?? new CreditPool { OrganizationId = organizationId };
        var prefix = $"auto:{await MonthKeyAsync(db, organizationId, clock.GetUtcNow(), ct)}:";
        var used = await db.CreditPurchases.CountAsync(p => p.OrganizationId == organizationId && p.RequestKey.StartsWith(prefix) && p.Status == CreditPurchaseStatus.Paid, ct);
        var failure = pool.AutoTopUpFailedAt is null ? null : await db.CreditPurchases
            .Where(p => p.OrganizationId == organizationId && p.Trigger == CreditPurchaseTrigger.AutoTopUp && p.Status == CreditPurchaseStatus.Failed)
            .OrderByDescending(p => p.CreatedAt).Select(p => p.FailureMessage).FirstOrDefaultAsync(ct);
        var method = await (from a in db.BillingAccounts
                            where a.OrganizationId == organizationId
                            join m in db.PaymentMethods on a.DefaultPaymentMethodId equals m.Id
                            select m).AsNoTracking().FirstOrDefaultAsync(ct);
        return new AutoTopUpSettings(pool.AutoTopUpEnabled, pool.AutoTopUpThreshold / Millicredits.PerCredit, pool.AutoTopUpPack ?? CreditPack.All[1].Code,
            pool.AutoTopUpMonthlyLimit, used, pool.AutoTopUpFailedAt, failure, method is not null, method?.Describe());
    }

    private async Task<Millicredits> CreditBalancesOf(Guid organizationId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await CreditBalances.ReadAsync(db, organizationId, clock.GetUtcNow(), ct)).Available;
    }

    private static async Task<string> MonthKeyAsync(PortalDbContext db, Guid organizationId, DateTimeOffset now, CancellationToken ct) =>
        TimeZoneInfo.ConvertTime(now, await BillingDates.OfAsync(db, organizationId, ct)).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static async Task<bool> HasMethodAsync(PortalDbContext db, Guid organizationId, CancellationToken ct) =>
        await (from a in db.BillingAccounts
               where a.OrganizationId == organizationId
               join m in db.PaymentMethods on a.DefaultPaymentMethodId equals m.Id
               select m.Id).AnyAsync(ct);

    private static async Task<CreditPool> PoolAsync(PortalDbContext db, Guid organizationId, CancellationToken ct)
    {
        var pool = await db.CreditPools.FirstOrDefaultAsync(p => p.OrganizationId == organizationId, ct);
        if (pool is null)
        {
            pool = new CreditPool { OrganizationId = organizationId };
            db.CreditPools.Add(pool);
        }

        return pool;
    }

    private async Task RefreshArmedAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pools = await db.CreditPools.AsNoTracking().Where(p => p.AutoTopUpEnabled && p.AutoTopUpFailedAt == null).ToListAsync(ct);
        var live = pools.Select(p => p.OrganizationId).ToHashSet();
        foreach (var gone in armed.Keys.Where(k => !live.Contains(k)).ToList())
        {
            armed.TryRemove(gone, out _);
        }

        pools.ForEach(Arm);
        Volatile.Write(ref loaded, 1);
    }

    private async Task RefreshOneAsync(Guid organizationId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pool = await db.CreditPools.AsNoTracking().FirstOrDefaultAsync(p => p.OrganizationId == organizationId, ct);
        if (pool is null)
        {
            armed.TryRemove(organizationId, out _);
        }
        else
        {
            Arm(pool);
        }
    }

    private void Arm(CreditPool pool)
    {
        if (pool.AutoTopUpEnabled && pool.AutoTopUpFailedAt is null)
        {
            armed[pool.OrganizationId] = pool.AutoTopUpThreshold;
        }
        else
        {
            armed.TryRemove(pool.OrganizationId, out _);
        }
    }

    private static readonly Error NotDue = new("not_due", "Auto top-up is not due.", ErrorKind.Conflict);
}
