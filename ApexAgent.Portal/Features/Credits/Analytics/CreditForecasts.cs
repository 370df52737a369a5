using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Credits;
using ApexAgent.Domain.Credits.Forecasting;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Catalog;
using ApexAgent.Portal.Features.Organizations;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Credits.Analytics;

/// <summary>
/// Feeds <see cref="BalanceForecast"/> from the daily roll-up (the trailing 28 days), the live grants, and the grants the
/// plan will give: each day's refresh and, at every renewal within the horizon, the base credits.
/// </summary>
public sealed class CreditForecasts(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock, AccountSnapshots snapshots, TierCatalog catalog)
{
    public async Task<Result<CreditForecast>> ForecastAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.Can(Permission.CreditsRead))
        {
            return OrganizationService.Forbidden("see the credit forecast");
        }

        var now = clock.GetUtcNow();
        var org = actor.OrganizationId;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var zoneId = await db.Organizations.Where(o => o.Id == org).Select(o => o.TimeZone).FirstOrDefaultAsync(ct) ?? "UTC";
        var zone = BillingDates.For(zoneId);
        var today = LocalDay.Of(now, zone);
        var first = today.AddDays(-BalanceForecast.DefaultWindowDays);
        var trailing = await db.UsageDays.AsNoTracking()
            .Where(d => d.OrganizationId == org && d.Day >= first && d.Day < today)
            .GroupBy(d => d.Day).Select(g => new { Day = g.Key, Used = g.Sum(x => x.Used) })
            .ToListAsync(ct);
        var live = await db.CreditGrants.AsNoTracking()
            .Where(g => g.OrganizationId == org && g.Remaining > 0 && g.ExpiresAt > now)
            .Select(g => new { g.Kind, g.Remaining, g.StartsAt, g.ExpiresAt })
            .ToListAsync(ct);
        var balance = await CreditBalances.ReadAsync(db, org, now, ct);
        var overdrawn = balance.Overdrawn.Value;

        var horizonEnd = today.AddDays(BalanceForecast.DefaultHorizonDays + 1);
        var grants = live.Select(g => new ForecastGrant(g.StartsAt <= now ? today : LocalDay.Of(g.StartsAt, zone), LocalDay.Of(g.ExpiresAt, zone), g.Remaining)).ToList();
        if (overdrawn > 0)
        {
            // What is drawn on the overdraft is repaid from the next credits: take it off the longest-lived grant.
            grants = grants.OrderByDescending(g => g.Until).ToList();
            var owed = overdrawn;
            for (var i = 0; i < grants.Count && owed > 0; i++)
            {
                var taken = Math.Min(owed, grants[i].Amount);
                grants[i] = grants[i] with { Amount = grants[i].Amount - taken };
                owed -= taken;
            }
        }

        DateOnly? renewal = null;
        var account = await snapshots.GetAsync(actor, ct);
        if (account is not null && account.Status is SubscriptionStatus.Active or SubscriptionStatus.PastDue)
        {
            var tier = await catalog.VersionAsync(account.Tier, account.TierVersion, ct);
            var refreshed = live.Where(g => g.Kind == GrantKind.DailyRefresh).Select(g => LocalDay.Of(g.StartsAt, zone)).ToHashSet();
            var daily = tier.DailyRefreshFor(account.Seats).Value;
            for (var day = today.AddDays(1); daily > 0 && day < horizonEnd; day = day.AddDays(1))
            {
                if (!refreshed.Contains(day))
                {
                    grants.Add(new ForecastGrant(day, day.AddDays(1), daily));
                }
            }

            var length = account.PeriodEnd - account.PeriodStart;
            var baseCredits = tier.BaseCreditsFor(account.Seats).Value;
            for (var start = account.PeriodEnd; length > TimeSpan.Zero && baseCredits > 0 && LocalDay.Of(start, zone) < horizonEnd; start += length)
            {
                renewal ??= LocalDay.Of(start, zone);
                grants.Add(new ForecastGrant(LocalDay.Of(start, zone), LocalDay.Of(start + length, zone), baseCredits));
            }
        }

        var projection = BalanceForecast.Project(today, trailing.Select(t => new DailyUsage(t.Day, t.Used)), grants, renewal, CreditPack.All);
        return new CreditForecast(balance.Available, renewal, zoneId, projection);
    }
}
