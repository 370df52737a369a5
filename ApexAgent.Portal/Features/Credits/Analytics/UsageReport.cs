namespace ApexAgent.Portal.Features.Credits.Analytics;

/// <summary>
/// What the usage dashboard shows for a period, read from the roll-ups only. Millicredits throughout.
/// <see cref="ByUser"/> holds every member for analytics readers, else only the caller (<see cref="OwnUsageOnly"/>).
/// </summary>
public sealed record UsageReport(
    UsagePeriod Period,
    string TimeZone,
    long Used,
    long Events,
    long PreviousUsed,
    IReadOnlyList<string> Features,
    IReadOnlyList<UsageReport.DayFeature> ByDay,
    IReadOnlyList<UserUsage> ByUser,
    bool OwnUsageOnly,
    IReadOnlyList<GrantKindFlow> ByKind,
    IReadOnlyList<UsageReport.HourFeature> LastDay,
    bool HasAnyUsage)
{
    public long DailyAverage => Period.Days == 0 ? 0 : (long)Math.Round(Used / (decimal)Period.Days, MidpointRounding.AwayFromZero);

    /// <summary>The feature that used most in the period, or null without usage.</summary>
    public string? TopFeature => ByDay.GroupBy(d => d.Feature).Select(g => (g.Key, Used: g.Sum(x => x.Used))).Where(f => f.Used > 0)
        .OrderByDescending(f => f.Used).ThenBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key).FirstOrDefault();

    /// <summary>Change against the previous period of the same length, in percent; null when that period used nothing.</summary>
    public decimal? ChangePercent => PreviousUsed == 0 ? null : Math.Round((Used - PreviousUsed) * 100m / PreviousUsed, 1, MidpointRounding.AwayFromZero);

    public sealed record DayFeature(DateOnly Day, string Feature, long Used, long Events);

    public sealed record HourFeature(DateTimeOffset Hour, string Feature, long Used, long Events);
}
