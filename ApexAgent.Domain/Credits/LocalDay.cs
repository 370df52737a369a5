namespace ApexAgent.Domain.Credits;

/// <summary>
/// A calendar day in an organisation's time zone as an interval of instants, for daily refresh credits: from the day's
/// local midnight (inclusive) to the next day's local midnight (exclusive). DST days last 23 or 25 hours (or 23.5 and
/// 24.5 on Lord Howe); when a midnight does not exist (a zone that springs forward at midnight) the day starts at the
/// first valid instant after it; when a midnight happens twice (falls back at midnight) the day starts at the first.
/// Consecutive days therefore meet exactly: never a gap, never an overlap.
/// </summary>
public static class LocalDay
{
    /// <summary>The local date of <paramref name="instant"/> in <paramref name="zone"/>.</summary>
    public static DateOnly Of(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>The first instant of <paramref name="day"/> in <paramref name="zone"/>.</summary>
    public static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        if (zone.IsAmbiguousTime(midnight))
        {
            // The first occurrence has the larger offset (the clock has not yet gone back).
            return new DateTimeOffset(midnight, zone.GetAmbiguousTimeOffsets(midnight).Max());
        }

        if (!zone.IsInvalidTime(midnight))
        {
            return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
        }

        // Midnight falls in a gap: the offset in force just before the gap maps midnight to the instant of the jump,
        // which is the first valid local instant of the day.
        var before = midnight;
        do
        {
            before = before.AddMinutes(-15);
        }
        while (zone.IsInvalidTime(before));

        var jump = new DateTimeOffset(midnight, zone.GetUtcOffset(before));
        return jump;
    }

    /// <summary>The instants of <paramref name="day"/>: [start, end).</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Window(DateOnly day, TimeZoneInfo zone) =>
        (StartOf(day, zone), StartOf(day.AddDays(1), zone));
}
