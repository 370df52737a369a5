using ApexAgent.Domain.Credits;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Catalog;
using ApexAgent.Portal.Features.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Credits;

/// <summary>
/// The credits the calendar gives and takes, run every few minutes (and by the test clock after each billing run). Each
/// step looks at the clock's now, so a pass after downtime catches up, and two passes at once give each thing once (a
/// grant's source is unique per organisation):
/// <list type="bullet">
/// <item>base credits of the current period of every subscription in force that lacks them (Free periods roll forward
/// by themselves; paid periods normally get theirs in the renewal's transaction);</item>
/// <item>daily refresh credits for today and the next local day of every organisation, in its time zone, so they are
/// there at midnight;</item>
/// <item>the expiry sweep: what is left of each ended grant is written off.</item>
/// </list>
/// Work is done in batches of <see cref="BatchSize"/>, one transaction each; balances are announced after each commit.
/// </summary>
public sealed class CreditAllocationPass(
    IDbContextFactory<PortalDbContext> dbFactory,
    TierCatalog catalog,
    BalanceAnnouncer announcer,
    TimeProvider clock,
    ILogger<CreditAllocationPass> logger)
{
    public const int BatchSize = 500;

    public async Task<AllocationSummary> RunAsync(CancellationToken ct)
    {
        var (based, daily) = await GrantDueAsync(ct);
        var (expired, writtenOff) = await ExpireAsync(ct);
        return new AllocationSummary(based, daily, expired, writtenOff);
    }

    /// <summary>Gives missing base credits of current periods and the daily refreshes of today and tomorrow.</summary>
    public async Task<(int Base, int Daily)> GrantDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        List<Guid> inForce;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            inForce = await db.Subscriptions.AsNoTracking().InForce().Select(s => s.Id).ToListAsync(ct);
        }

        var (based, daily) = (0, 0);
        foreach (var batch in inForce.Chunk(BatchSize))
        {
            var (b, d) = await GrantBatchAsync(batch, now, ct);
            based += b;
            daily += d;
        }

        return (based, daily);
    }

    private async Task<(int Base, int Daily)> GrantBatchAsync(Guid[] ids, DateTimeOffset now, CancellationToken ct)
    {
        // Read without the write lock; a transaction is opened only when something is missing (rarely, once the day's
        // and period's grants exist), so the pass does not hold up the usage writer.
        List<GrantRequest> missing;
        await using (var read = await dbFactory.CreateDbContextAsync(ct))
        {
            var requests = await DueAsync(read, ids, now, ct);
            var organizations = requests.Select(r => r.OrganizationId).Distinct().ToList();
            var sources = requests.Select(r => r.Source).Distinct().ToList();
            var given = requests.Count == 0 ? [] : (await read.CreditGrants.AsNoTracking()
                    .Where(g => organizations.Contains(g.OrganizationId) && sources.Contains(g.Source))
                    .Select(g => new { g.OrganizationId, g.Source }).ToListAsync(ct))
                .Select(g => (g.OrganizationId, g.Source)).ToHashSet();
            missing = requests.Where(r => !given.Contains((r.OrganizationId, r.Source))).ToList();
        }

        if (missing.Count == 0)
        {
            return (0, 0);
        }

        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var added = await CreditBooks.GiveManyAsync(db, missing, now, ct); // checks again, inside the transaction
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            await announcer.AnnounceAsync(added.Where(g => g.StartsAt <= now).Select(g => g.OrganizationId).Distinct().ToList(), "granted", ct);
            return (added.Count(g => g.Kind == GrantKind.Base), added.Count(g => g.Kind == GrantKind.DailyRefresh));
        }
        catch (DbUpdateException e)
        {
            logger.LogInformation(e, "An allocation batch met another writer; the next pass gives what is still missing");
            return (0, 0);
        }
    }

    /// <summary>What the subscriptions <paramref name="ids"/> should have by now: the current period's base credits, today's and tomorrow's refresh.</summary>
    private async Task<List<GrantRequest>> DueAsync(PortalDbContext db, Guid[] ids, DateTimeOffset now, CancellationToken ct)
    {
        var subscriptions = await db.Subscriptions.AsNoTracking().InForce().Where(s => ids.Contains(s.Id)).ToListAsync(ct);
        var zones = await BillingDates.OfAsync(db, subscriptions.Select(s => s.OrganizationId).Distinct().ToList(), ct);
        var requests = new List<GrantRequest>();
        foreach (var subscription in subscriptions)
        {
            var tier = await catalog.VersionAsync(subscription.Tier, subscription.TierVersion, ct);
            if (subscription.CurrentPeriodStart <= now && now < subscription.CurrentPeriodEnd && PlanCredits.BaseOf(subscription, tier) is { } baseCredits)
            {
                requests.Add(baseCredits);
            }

            var refresh = tier.DailyRefreshFor(subscription.Seats);
            if (refresh.Value <= 0)
            {
                continue;
            }

            var zone = zones.GetValueOrDefault(subscription.OrganizationId, TimeZoneInfo.Utc);
            var today = LocalDay.Of(now, zone);
            foreach (var day in new[] { today, today.AddDays(1) })
            {
                var (start, end) = LocalDay.Window(day, zone);
                requests.Add(new GrantRequest(subscription.OrganizationId, GrantKind.DailyRefresh, refresh, start, end, AllocationSources.Daily(day),
                    $"{tier.Terms.Name} daily refresh, {day:MMM d, yyyy}"));
            }
        }

        return requests;
    }

    /// <summary>Writes off what is left of every grant that has ended, in batches; answers the grants and millicredits written off.</summary>
    public async Task<(int Grants, long WrittenOff)> ExpireAsync(CancellationToken ct)
    {
        var (grants, writtenOff) = (0, 0L);
        while (true)
        {
            var now = clock.GetUtcNow();
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var ended = await db.CreditGrants.Where(g => g.Remaining > 0 && g.ExpiresAt <= now).OrderBy(g => g.ExpiresAt).Take(BatchSize).ToListAsync(ct);
            if (ended.Count == 0)
            {
                return (grants, writtenOff);
            }

            foreach (var grant in ended)
            {
                writtenOff += CreditBooks.Expire(db, grant, now).Value;
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            grants += ended.Count;
            await announcer.AnnounceAsync(ended.Select(g => g.OrganizationId).Distinct().ToList(), "expired", ct);
            if (ended.Count < BatchSize)
            {
                return (grants, writtenOff);
            }
        }
    }
}
