using System.Globalization;

namespace ApexAgent.Portal.Components.Shared;

/// <summary>How the portal writes dates and numbers for people.</summary>
public static class PortalFormat
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-US");

    public static DateTimeOffset InZone(DateTimeOffset value, string timeZone) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) ? TimeZoneInfo.ConvertTime(value, zone) : value;

    public static string Date(DateTimeOffset value, string timeZone) =>
        InZone(value, timeZone).ToString("MMM d, yyyy", Culture);

    public static string DateTime(DateTimeOffset value, string timeZone) =>
        InZone(value, timeZone).ToString("MMM d, yyyy h:mm tt", Culture) + " (" + timeZone + ")";

    public static string Credits(long credits) => credits.ToString("N0", Culture);

    public static string Relative(DateTimeOffset value, DateTimeOffset now)
    {
        var delta = now - value;
        var future = delta < TimeSpan.Zero;
        var span = future ? -delta : delta;
        var text = span.TotalSeconds < 45 ? "just now"
            : span.TotalMinutes < 90 ? Plural((int)Math.Round(span.TotalMinutes), "minute")
            : span.TotalHours < 36 ? Plural((int)Math.Round(span.TotalHours), "hour")
            : span.TotalDays < 45 ? Plural((int)Math.Round(span.TotalDays), "day")
            : span.TotalDays < 545 ? Plural((int)Math.Round(span.TotalDays / 30.4), "month")
            : Plural((int)Math.Round(span.TotalDays / 365.25), "year");
        return text == "just now" ? text : future ? "in " + text : text + " ago";
    }

    private static string Plural(int count, string unit) => count == 1 ? $"1 {unit}" : $"{count} {unit}s";
}
