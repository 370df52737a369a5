using System.Globalization;
using ApexAgent.Domain.Billing;

namespace ApexAgent.Portal.Features.Billing;

/// <summary>
/// The invoice archive's filters as they live in the address (<c>?number=&amp;from=&amp;to=&amp;status=&amp;min=&amp;max=</c>), shared
/// by the page and its CSV export. Dates are whole days in the person's time zone, both ends included; amounts are in
/// major units (dollars). Values that do not parse are ignored rather than refused, so a hand-edited address still opens.
/// </summary>
public sealed record InvoiceFilter(string? Number = null, DateOnly? From = null, DateOnly? To = null, InvoiceStatus? Status = null, decimal? Min = null, decimal? Max = null)
{
    public static InvoiceFilter None { get; } = new();

    public bool IsEmpty => this == None;

    public static InvoiceFilter Parse(string? number, string? from, string? to, string? status, string? min, string? max) => new(
        string.IsNullOrWhiteSpace(number) ? null : number.Trim(),
        DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var f) ? f : null,
        DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null,
        Enum.TryParse<InvoiceStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s) && s != InvoiceStatus.Draft ? s : null,
        Amount(min),
        Amount(max));

    public IReadOnlyDictionary<string, object?> ToAddress() => new Dictionary<string, object?>
    {
        ["number"] = Number,
        ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["status"] = Status?.ToString().ToLowerInvariant(),
        ["min"] = Min?.ToString(CultureInfo.InvariantCulture),
        ["max"] = Max?.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The archive query for one page (0-based), the day range taken in <paramref name="timeZone"/>.</summary>
    public InvoiceSearch ToSearch(int page, int pageSize, string timeZone)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var found) ? found : TimeZoneInfo.Utc;
        return new InvoiceSearch(Number, Start(From, zone), Start(To?.AddDays(1), zone), Status, null, Minor(Min), Minor(Max), page, pageSize);
    }

    private static DateTimeOffset? Start(DateOnly? day, TimeZoneInfo zone)
    {
        if (day is not { } d)
        {
            return null;
        }

        var local = d.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static decimal? Amount(string? text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && value is >= 0 and < 1_000_000_000 ? value : null;

    private static long? Minor(decimal? major) => major is { } m ? (long)decimal.Round(m * 100, 0, MidpointRounding.AwayFromZero) : null;
}
