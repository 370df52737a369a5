using ApexAgent.Domain.Common;

namespace ApexAgent.Portal.Features.Credits.Analytics;

/// <summary>Days of the organisation's calendar, both ends included.</summary>
public sealed record UsagePeriod(DateOnly From, DateOnly To)
{
    public const int MaxDays = 366;

    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The same number of days just before this period, for "change vs previous period".</summary>
    public UsagePeriod Previous => new(From.AddDays(-Days), From.AddDays(-1));

    public IEnumerable<DateOnly> EachDay() => Enumerable.Range(0, Days).Select(From.AddDays);

    /// <summary>The last <paramref name="days"/> days up to and including <paramref name="today"/>.</summary>
    public static UsagePeriod Last(int days, DateOnly today) => new(today.AddDays(1 - days), today);

    /// <summary>The earliest day a period may start on: usage before it cannot exist (and far dates cannot overflow).</summary>
    public static readonly DateOnly Earliest = new(2000, 1, 1);

    public static Result<UsagePeriod> Of(DateOnly? from, DateOnly? to, DateOnly today)
    {
        var latest = today.AddYears(1);
        if (from is { } f && (f < Earliest || f > latest) || to is { } t && (t < Earliest || t > latest))
        {
            return new FieldErrors()
                .Require(false, from is { } a && (a < Earliest || a > latest) ? "from" : "to", $"Days run from {Earliest:yyyy-MM-dd} to {latest:yyyy-MM-dd}.")
                .ToError();
        }

        var end = to ?? today;
        var start = from ?? end.AddDays(-29);
        var errors = new FieldErrors()
            .Require(start <= end, "from", "The period must start on or before its end.")
            .Require(end.DayNumber - start.DayNumber < MaxDays, "to", $"A period is at most {MaxDays} days.");
        return errors.Any ? errors.ToError() : new UsagePeriod(start, end);
    }
}
