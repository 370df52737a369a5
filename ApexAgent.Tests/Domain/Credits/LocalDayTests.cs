using ApexAgent.Domain.Credits;

namespace ApexAgent.Tests.Domain.Credits;

/// <summary>The local day of daily refresh credits: from local midnight to the next, across DST and odd offsets.</summary>
public sealed class LocalDayTests
{
    private static TimeZoneInfo Zone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);

    [Theory]
    [InlineData("America/New_York", "2027-03-14", 23 * 60)]
    [InlineData("America/New_York", "2027-11-07", 25 * 60)]
    [InlineData("America/New_York", "2027-06-01", 24 * 60)]
    [InlineData("Europe/London", "2027-03-28", 23 * 60)]
    [InlineData("Europe/London", "2027-10-31", 25 * 60)]
    [InlineData("Australia/Lord_Howe", "2027-04-04", (24 * 60) + 30)]
    [InlineData("Australia/Lord_Howe", "2027-10-03", (24 * 60) - 30)]
    [InlineData("Pacific/Kiritimati", "2027-01-01", 24 * 60)]
    [InlineData("UTC", "2027-03-14", 24 * 60)]
    public void A_day_lasts_from_local_midnight_to_the_next_local_midnight(string zoneId, string date, int minutes)
    {
        var zone = Zone(zoneId);
        var day = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
        var (start, end) = LocalDay.Window(day, zone);

        Assert.Equal(minutes, (end - start).TotalMinutes);
        Assert.Equal(day.ToDateTime(TimeOnly.MinValue), TimeZoneInfo.ConvertTime(start, zone).DateTime);
        Assert.Equal(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeZoneInfo.ConvertTime(end, zone).DateTime);
        Assert.Equal(day, LocalDay.Of(start, zone));
        Assert.Equal(day, LocalDay.Of(end.AddTicks(-1), zone));
        Assert.Equal(day.AddDays(1), LocalDay.Of(end, zone));
    }

    [Fact]
    public void Kiritimati_starts_its_day_fourteen_hours_before_UTC()
    {
        var (start, _) = LocalDay.Window(new DateOnly(2027, 1, 1), Zone("Pacific/Kiritimati"));
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 10, 0, 0, TimeSpan.Zero), start);
    }

    [Fact]
    public void A_midnight_that_does_not_exist_starts_the_day_at_the_first_valid_instant()
    {
        // Chile springs forward at midnight (00:00 becomes 01:00) on the first Sunday of September.
        var zone = Zone("America/Santiago");
        var day = Enumerable.Range(1, 30).Select(d => new DateOnly(2027, 9, d))
            .First(d => zone.IsInvalidTime(d.ToDateTime(TimeOnly.MinValue)));
        var (start, end) = LocalDay.Window(day, zone);

        Assert.Equal(new DateTime(day.Year, day.Month, day.Day, 1, 0, 0), TimeZoneInfo.ConvertTime(start, zone).DateTime);
        Assert.Equal(day.AddDays(-1), LocalDay.Of(start.AddTicks(-1), zone));
        Assert.Equal(23 * 60, (end - start).TotalMinutes);
    }

    [Theory]
    [InlineData("America/New_York")]
    [InlineData("Europe/London")]
    [InlineData("Australia/Lord_Howe")]
    [InlineData("Pacific/Kiritimati")]
    [InlineData("America/Santiago")]
    [InlineData("Asia/Beirut")]
    [InlineData("America/Havana")]
    [InlineData("Asia/Kolkata")]
    [InlineData("UTC")]
    public void Days_meet_exactly_all_year_and_every_instant_belongs_to_its_local_day(string zoneId)
    {
        var zone = Zone(zoneId);
        var random = new Random(zoneId.Length * 7919);
        for (var day = new DateOnly(2026, 1, 1); day < new DateOnly(2029, 1, 1); day = day.AddDays(1))
        {
            var (start, end) = LocalDay.Window(day, zone);
            Assert.Equal(end, LocalDay.StartOf(day.AddDays(1), zone));
            Assert.InRange((end - start).TotalHours, 22.5, 25.5);
            Assert.Equal(day, LocalDay.Of(start, zone));
            Assert.Equal(day.AddDays(-1), LocalDay.Of(start.AddTicks(-1), zone));
            var inside = start.AddTicks((long)(random.NextDouble() * (end - start).Ticks));
            Assert.Equal(day, LocalDay.Of(inside, zone));
        }
    }
}
