using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Credits;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Organizations;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Credits.Analytics;

/// <summary>
/// The usage dashboard's figures, from the roll-ups only (<see cref="UsageDay"/>, <see cref="UsageHour"/>,
/// <see cref="CreditBurnDay"/>) and the grants table — never the raw events or entries, so a page stays fast over
/// millions of events. Every member reads the pool's totals; only analytics readers see other people's usage.
/// </summary>
public sealed class UsageAnalytics(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    public async Task<DateOnly> TodayAsync(Actor actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var zone = await BillingDates.OfAsync(db, actor.OrganizationId, ct);
        return LocalDay.Of(clock.GetUtcNow(), zone);
    }

    public async Task<Result<UsageReport>> ReportAsync(Actor actor, UsagePeriod period, CancellationToken ct)
    {
        if (!actor.Can(Permission.CreditsRead))
        {
            return OrganizationService.Forbidden("see credit usage");
        }

        var org = actor.OrganizationId;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var zoneId = await db.Organizations.Where(o => o.Id == org).Select(o => o.TimeZone).FirstOrDefaultAsync(ct) ?? "UTC";
        var zone = BillingDates.For(zoneId);
        var previous = period.Previous;

        var byDay = await db.UsageDays.AsNoTracking()
            .Where(d => d.OrganizationId == org && d.Day >= period.From && d.Day <= period.To)
            .GroupBy(d => new { d.Day, d.Feature })
            .Select(g => new { g.Key.Day, g.Key.Feature, Used = g.Sum(x => x.Used), Events = g.Sum(x => x.Events) })
            .ToListAsync(ct);
        var previousUsed = await db.UsageDays.AsNoTracking()
            .Where(d => d.OrganizationId == org && d.Day >= previous.From && d.Day <= previous.To)
            .SumAsync(d => d.Used, ct);
        var everUsed = byDay.Count > 0 || previousUsed != 0 || await db.UsageDays.AnyAsync(d => d.OrganizationId == org, ct);

        var ownOnly = !actor.Can(Permission.CreditsAnalyticsRead);
        var byUser = await ByUserAsync(db, org, period, ownOnly ? actor.UserId : null, ct);

        var byKind = await ByKindAsync(db, org, period, zone, ct);

        var hourNow = clock.GetUtcNow();
        var lastHour = new DateTimeOffset(hourNow.Year, hourNow.Month, hourNow.Day, hourNow.Hour, 0, 0, TimeSpan.Zero);
        var since = lastHour.AddHours(-23);
        var hours = await db.UsageHours.AsNoTracking()
            .Where(h => h.OrganizationId == org && h.Hour >= since)
            .Select(h => new UsageReport.HourFeature(h.Hour, h.Feature, h.Used, h.Events))
            .ToListAsync(ct);

        var rows = byDay.Select(d => new UsageReport.DayFeature(d.Day, d.Feature, d.Used, d.Events))
            .OrderBy(d => d.Day).ThenBy(d => d.Feature, StringComparer.Ordinal).ToList();
        var features = rows.Select(r => r.Feature).Concat(hours.Select(h => h.Feature)).Distinct().Order(StringComparer.Ordinal).ToList();
        return new UsageReport(
            period, zoneId, rows.Sum(r => r.Used), rows.Sum(r => r.Events), previousUsed, features, rows, byUser, ownOnly, byKind,
            hours.OrderBy(h => h.Hour).ToList(), everUsed);
    }

    /// <summary>The API's summary: the period's usage grouped by day, feature or user, optionally of one person only.</summary>
    public async Task<Result<UsageSummaryResponse>> SummaryAsync(Actor actor, UsagePeriod period, string groupBy, string? onlyUser, CancellationToken ct)
    {
        if (!actor.Can(Permission.CreditsRead))
        {
            return OrganizationService.Forbidden("see credit usage");
        }

        var org = actor.OrganizationId;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var zoneId = await db.Organizations.Where(o => o.Id == org).Select(o => o.TimeZone).FirstOrDefaultAsync(ct) ?? "UTC";
        var query = db.UsageDays.AsNoTracking().Where(d => d.OrganizationId == org && d.Day >= period.From && d.Day <= period.To);
        if (onlyUser is not null)
        {
            query = query.Where(d => d.UserId == onlyUser);
        }

        List<UsageSummaryResponse.Row> rows;
        if (groupBy == "user")
        {
            var users = await query.GroupBy(d => d.UserId).Select(g => new { g.Key, Used = g.Sum(x => x.Used), Events = g.Sum(x => x.Events) }).ToListAsync(ct);
            var names = await NamesAsync(db, users.Select(u => u.Key), ct);
            rows = users.OrderByDescending(u => u.Used).ThenBy(u => u.Key, StringComparer.Ordinal)
                .Select(u => new UsageSummaryResponse.Row(u.Key, NameOf(names, u.Key), new Millicredits(u.Used).Credits, u.Events)).ToList();
        }
        else if (groupBy == "feature")
        {
            var features = await query.GroupBy(d => d.Feature).Select(g => new { g.Key, Used = g.Sum(x => x.Used), Events = g.Sum(x => x.Events) }).ToListAsync(ct);
            rows = features.OrderByDescending(f => f.Used).ThenBy(f => f.Key, StringComparer.Ordinal)
                .Select(f => new UsageSummaryResponse.Row(f.Key, null, new Millicredits(f.Used).Credits, f.Events)).ToList();
        }
        else
        {
            var days = await query.GroupBy(d => d.Day).Select(g => new { g.Key, Used = g.Sum(x => x.Used), Events = g.Sum(x => x.Events) }).ToListAsync(ct);
            rows = days.OrderByDescending(d => d.Key)
                .Select(d => new UsageSummaryResponse.Row(d.Key.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), null, new Millicredits(d.Used).Credits, d.Events)).ToList();
        }

        return new UsageSummaryResponse(period.From, period.To, groupBy, zoneId, rows.Sum(r => r.Used), rows.Sum(r => r.Events), rows);
    }

    /// <summary>Usage per person in the period, most first; <paramref name="onlyUser"/> narrows it to one person.</summary>
    internal static async Task<List<UserUsage>> ByUserAsync(PortalDbContext db, Guid org, UsagePeriod period, string? onlyUser, CancellationToken ct)
    {
        var query = db.UsageDays.AsNoTracking().Where(d => d.OrganizationId == org && d.Day >= period.From && d.Day <= period.To);
        if (onlyUser is not null)
        {
            query = query.Where(d => d.UserId == onlyUser);
        }

        // Per person and day (at most people × days rows), then summed here: one pass over the index range, no correlated sub-queries.
        var perDay = await query.GroupBy(d => new { d.UserId, d.Day })
            .Select(g => new { g.Key.UserId, g.Key.Day, Used = g.Sum(x => x.Used), Events = g.Sum(x => x.Events) })
            .ToListAsync(ct);
        var grouped = perDay.GroupBy(d => d.UserId)
            .Select(g => new { UserId = g.Key, Used = g.Sum(x => x.Used), Events = g.Sum(x => x.Events), ActiveDays = g.Count(x => x.Events > 0), Last = g.Max(x => x.Day) })
            .ToList();
        var names = await NamesAsync(db, grouped.Select(g => g.UserId).Append(onlyUser ?? ""), ct);
        var users = grouped.Select(g => new UserUsage(g.UserId, NameOf(names, g.UserId), g.Used, g.Events, g.ActiveDays, g.Last)).ToList();
        if (onlyUser is not null && users.Count == 0)
        {
            users.Add(new UserUsage(onlyUser, NameOf(names, onlyUser), 0, 0, 0, null));
        }

        return users.OrderByDescending(u => u.Used).ThenBy(u => u.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Granted, used, expired and clawed back per grant kind in the period.</summary>
    internal static async Task<List<GrantKindFlow>> ByKindAsync(PortalDbContext db, Guid org, UsagePeriod period, TimeZoneInfo zone, CancellationToken ct)
    {
        var start = StartOf(period.From, zone);
        var end = StartOf(period.To.AddDays(1), zone);
        var used = await db.CreditBurnDays.AsNoTracking()
            .Where(b => b.OrganizationId == org && b.Day >= period.From && b.Day <= period.To)
            .GroupBy(b => b.Kind).Select(g => new { Kind = g.Key, Used = g.Sum(x => x.Used) })
            .ToDictionaryAsync(x => x.Kind, x => x.Used, ct);
        var granted = await db.CreditGrants.AsNoTracking()
            .Where(g => g.OrganizationId == org && g.StartsAt >= start && g.StartsAt < end)
            .GroupBy(g => g.Kind).Select(g => new { Kind = g.Key, Amount = g.Sum(x => x.Amount), ClawedBack = g.Sum(x => x.ClawedBack) })
            .ToDictionaryAsync(x => x.Kind, ct);
        var expired = await db.CreditGrants.AsNoTracking()
            .Where(g => g.OrganizationId == org && g.ExpiresAt >= start && g.ExpiresAt < end && g.Expired > 0)
            .GroupBy(g => g.Kind).Select(g => new { Kind = g.Key, Expired = g.Sum(x => x.Expired) })
            .ToDictionaryAsync(x => x.Kind, x => x.Expired, ct);
        return Enum.GetValues<GrantKind>()
            .Select(k => new GrantKindFlow(
                k, granted.TryGetValue(k, out var g) ? g.Amount : 0, used.GetValueOrDefault(k), expired.GetValueOrDefault(k), g?.ClawedBack ?? 0))
            .Where(f => f.Granted != 0 || f.Used != 0 || f.Expired != 0 || f.ClawedBack != 0)
            .ToList();
    }

    internal static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    internal static async Task<Dictionary<string, (string Name, string? Email)>> NamesAsync(PortalDbContext db, IEnumerable<string> userIds, CancellationToken ct)
    {
        var ids = userIds.Where(id => id.Length > 0).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.Email, u.Profile.DisplayName }).ToListAsync(ct);
        return users.ToDictionary(u => u.Id, u => (string.IsNullOrWhiteSpace(u.DisplayName) ? u.Email ?? "Unknown person" : u.DisplayName, u.Email));
    }

    internal static string NameOf(Dictionary<string, (string Name, string? Email)> names, string userId) =>
        userId.Length == 0 ? "No user named" : names.TryGetValue(userId, out var n) ? n.Name : "Former member";
}
