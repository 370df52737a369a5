using System.Globalization;
using ApexAgent.Portal.Components.Shared;

namespace ApexAgent.Portal.Features.Audit;

/// <summary>
/// The audit page's filters as its address carries them (<c>?action=…&amp;actor=…&amp;from=2026-01-31&amp;to=…&amp;org=…&amp;all=true</c>),
/// so that a filtered view can be bookmarked and shared. Dates are whole days in the reader's time zone.
/// </summary>
public sealed record AuditLogFilter(string? Action, string? Actor, DateOnly? From, DateOnly? To, Guid? Organization, bool All)
{
    private const string DateFormat = "yyyy-MM-dd";

    public static AuditLogFilter None { get; } = new(null, null, null, null, null, false);

    public bool IsEmpty => this == None with { Organization = Organization, All = All };

    public static AuditLogFilter Parse(string? action, string? actor, string? from, string? to, string? organization, bool? all) => new(
        string.IsNullOrWhiteSpace(action) ? null : action.Trim(),
        string.IsNullOrWhiteSpace(actor) ? null : actor.Trim(),
        DateOnly.TryParseExact(from, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var start) ? start : null,
        DateOnly.TryParseExact(to, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var end) ? end : null,
        Guid.TryParse(organization, out var chain) ? chain : null,
        all == true);

    /// <summary>The query for one page: from the start of the first day to the end of the last, in <paramref name="timeZone"/>.</summary>
    public AuditLogQuery ToQuery(int page, int pageSize, string timeZone) =>
        new(Action, Actor, StartOf(From, timeZone), StartOf(To?.AddDays(1), timeZone), page, pageSize, All ? null : Organization, All);

    /// <summary>The address's query parameters; empty filters are left out.</summary>
    public IReadOnlyDictionary<string, object?> ToAddress() => new Dictionary<string, object?>
    {
        ["action"] = Action,
        ["actor"] = Actor,
        ["from"] = From?.ToString(DateFormat, CultureInfo.InvariantCulture),
        ["to"] = To?.ToString(DateFormat, CultureInfo.InvariantCulture),
        ["org"] = All ? null : Organization?.ToString(),
        ["all"] = All ? "true" : null,
    };

    private static DateTimeOffset? StartOf(DateOnly? day, string timeZone)
    {
        if (day is not { } date)
        {
            return null;
        }

        var local = date.ToDateTime(TimeOnly.MinValue);
        var offset = PortalFormat.InZone(new DateTimeOffset(local, TimeSpan.Zero), timeZone).Offset;
        return new DateTimeOffset(local, offset);
    }
}
