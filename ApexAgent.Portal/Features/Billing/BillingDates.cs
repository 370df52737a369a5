using System.Collections.Concurrent;
using System.Globalization;
using ApexAgent.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Billing;

/// <summary>
/// Days in the sentences billing writes (quotes, notices, timeline notes): the day in the organisation's time zone, in
/// which its invoices are dated too, written "1 Apr 2027" whatever the server's culture.
/// </summary>
public static class BillingDates
{
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> Zones = new(StringComparer.Ordinal);

    /// <summary>The time zone with this IANA id; UTC for an empty or unknown id.</summary>
    public static TimeZoneInfo For(string? ianaId) =>
        string.IsNullOrWhiteSpace(ianaId)
            ? TimeZoneInfo.Utc
            : Zones.GetOrAdd(ianaId, id => TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc);

    /// <summary>The day <paramref name="at"/> falls on in <paramref name="zone"/>, as the portal writes dates ("Apr 1, 2027", invariant culture).</summary>
    public static string Day(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("MMM d, yyyy", CultureInfo.InvariantCulture);

    /// <summary>The organisation's time zone (UTC when it has none or is not found).</summary>
    public static async Task<TimeZoneInfo> OfAsync(PortalDbContext db, Guid organizationId, CancellationToken ct) =>
        For(await db.Organizations.Where(o => o.Id == organizationId).Select(o => o.TimeZone).FirstOrDefaultAsync(ct));

    /// <summary>The time zones of these organisations, in one query.</summary>
    public static async Task<IReadOnlyDictionary<Guid, TimeZoneInfo>> OfAsync(PortalDbContext db, IReadOnlyCollection<Guid> organizationIds, CancellationToken ct)
    {
        var ids = organizationIds.Distinct().ToList();
        var zones = await db.Organizations.Where(o => ids.Contains(o.Id)).Select(o => new { o.Id, o.TimeZone }).ToListAsync(ct);
        return zones.ToDictionary(z => z.Id, z => For(z.TimeZone));
    }
}
