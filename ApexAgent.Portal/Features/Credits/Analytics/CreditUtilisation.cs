using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Api;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Organizations;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Credits.Analytics;

/// <summary>The credit utilisation report for admins (<c>credits.analytics.read</c>), from the daily roll-up and the grants.</summary>
public sealed class CreditUtilisation(IDbContextFactory<PortalDbContext> dbFactory)
{
    public async Task<Result<UtilisationReport>> BuildAsync(Actor actor, UsagePeriod period, CancellationToken ct)
    {
        if (!actor.Can(Permission.CreditsAnalyticsRead))
        {
            return OrganizationService.Forbidden("see the credit utilisation report");
        }

        var org = actor.OrganizationId;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var zone = await BillingDates.OfAsync(db, org, ct);
        var usage = await UsageAnalytics.ByUserAsync(db, org, period, null, ct);
        var memberships = await db.Memberships.AsNoTracking().Where(m => m.OrganizationId == org)
            .Select(m => new { m.UserId, m.UnitId }).ToListAsync(ct);
        var units = await db.OrganizationUnits.AsNoTracking().Where(u => u.OrganizationId == org)
            .Select(u => new { u.Id, u.ParentId, u.Name, u.Kind }).ToListAsync(ct);
        var names = await UsageAnalytics.NamesAsync(db, memberships.Select(m => m.UserId), ct);
        var byKind = await UsageAnalytics.ByKindAsync(db, org, period, zone, ct);

        var total = usage.Sum(u => u.Used);
        var unitById = units.ToDictionary(u => u.Id);
        var unitOf = memberships.GroupBy(m => m.UserId)
            .ToDictionary(g => g.Key, g => g.Select(m => m.UnitId).FirstOrDefault(u => u is not null));
        var used = usage.ToDictionary(u => u.UserId);
        var members = unitOf.Keys
            .Select(id => used.TryGetValue(id, out var u)
                ? Member(id, u.Name, u.Used, u.ActiveDays, u.LastActive)
                : Member(id, UsageAnalytics.NameOf(names, id), 0, 0, null))
            .Concat(usage.Where(u => !unitOf.ContainsKey(u.UserId)).Select(u => Member(u.UserId, u.Name, u.Used, u.ActiveDays, u.LastActive) with { IsMember = false }))
            .OrderByDescending(m => m.Used).ThenBy(m => m.Name, StringComparer.Ordinal)
            .ToList();

        var unitRows = units.Select(unit =>
        {
            var inside = unitOf.Where(m => m.Value is { } id && Within(id, unit.Id)).Select(m => m.Key).ToList();
            var unitUsed = inside.Sum(id => used.TryGetValue(id, out var u) ? u.Used : 0);
            var parent = unit.ParentId is { } p && unitById.TryGetValue(p, out var up) ? up.Name : null;
            return new UnitUtilisation(unit.Id, unit.Name, unit.Kind, parent, inside.Count, unitUsed, Share(unitUsed));
        }).OrderByDescending(u => u.Used).ThenBy(u => u.Name, StringComparer.Ordinal).ToList();

        return new UtilisationReport(period, total, byKind.Sum(k => k.Granted), members, unitRows, byKind);

        MemberUtilisation Member(string id, string name, long memberUsed, int activeDays, DateOnly? last)
        {
            var unit = unitOf.TryGetValue(id, out var u) && u is { } unitId && unitById.TryGetValue(unitId, out var found) ? found.Name : null;
            var email = names.TryGetValue(id, out var n) ? n.Email : null;
            return new MemberUtilisation(id, name, email, unit, true, memberUsed, Share(memberUsed), activeDays, last);
        }

        decimal Share(long part) => total <= 0 ? 0 : Math.Round(part / (decimal)total, 4, MidpointRounding.AwayFromZero);

        bool Within(Guid unitId, Guid ancestor)
        {
            for (Guid? at = unitId; at is { } current; at = unitById.TryGetValue(current, out var u) ? u.ParentId : null)
            {
                if (current == ancestor)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>The report's members as CSV (credits with three decimals, shares in percent).</summary>
    public static byte[] ToCsv(UtilisationReport report)
    {
        var csv = new CsvDocument("user_id", "name", "email", "department_or_team", "member", "credits_used", "share_percent", "active_days", "last_active", "from", "to");
        foreach (var m in report.Members)
        {
            csv.Row(m.UserId, m.Name, m.Email, m.Unit, m.IsMember ? "yes" : "no", new Millicredits(m.Used).Credits.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture),
                (m.Share * 100).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), m.ActiveDays, m.LastActive?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                report.Period.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), report.Period.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }

        return csv.ToBytes();
    }
}
