using System.Globalization;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Credits;
using ApexAgent.Domain.Credits.Forecasting;
using MudBlazor;

namespace ApexAgent.Portal.Features.Credits.Analytics;

/// <summary>Turns a <see cref="UsageReport"/> into MudChart series (credits) and labels, so the page stays markup.</summary>
public sealed class UsageCharts
{
    public const int TopUsers = 6;
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-US");

    public UsageCharts(UsageReport report, string? ownUserId)
    {
        var days = report.Period.EachDay().ToList();
        var step = Math.Max(1, (int)Math.Ceiling(days.Count / 10.0));
        DayLabels = days.Select((d, i) => i % step == 0 ? d.ToString("MMM d", Culture) : "").ToArray();
        var byDay = report.ByDay.ToLookup(d => d.Feature);
        ByFeature = report.ByDay.Select(d => d.Feature).Distinct().Order(StringComparer.Ordinal)
            .Select(f =>
            {
                var used = byDay[f].ToDictionary(x => x.Day, x => x.Used);
                return new ChartSeries<double> { Name = f, Data = days.Select(d => ToCredits(used.GetValueOrDefault(d))).ToArray() };
            })
            .ToList();
        DayRows = days.Select(d => (d, report.ByDay.Where(x => x.Day == d).Sum(x => x.Used), report.ByDay.Where(x => x.Day == d).Sum(x => x.Events))).Reverse().ToList();
        FeatureRows = report.ByDay.GroupBy(d => d.Feature).Select(g => (g.Key, g.Sum(x => x.Used), g.Sum(x => x.Events)))
            .OrderByDescending(f => f.Item2).ToList();

        var people = report.ByUser.Where(u => u.Used > 0).ToList();
        if (report.OwnUsageOnly)
        {
            var mine = people.Sum(u => u.Used);
            UserParts = [("You", mine), ("Everyone else", Math.Max(0, report.Used - mine))];
        }
        else
        {
            var top = people.Take(TopUsers).Select(u => (u.Name, u.Used)).ToList();
            var rest = people.Skip(TopUsers).Sum(u => u.Used);
            UserParts = rest > 0 ? [.. top, ($"{people.Count - TopUsers} others", rest)] : top;
        }

        UserParts = UserParts.Where(p => p.Used > 0).ToList();
        UserLabels = UserParts.Select(p => p.Name).ToArray();
        ByUser = [new ChartSeries<double> { Name = "Credits", Data = UserParts.Select(p => ToCredits(p.Used)).ToArray() }];

        KindLabels = report.ByKind.Select(k => KindName(k.Kind)).ToArray();
        ByKind =
        [
            new ChartSeries<double> { Name = "Granted", Data = report.ByKind.Select(k => ToCredits(k.Granted)).ToArray() },
            new ChartSeries<double> { Name = "Used", Data = report.ByKind.Select(k => ToCredits(k.Used)).ToArray() },
            new ChartSeries<double> { Name = "Expired", Data = report.ByKind.Select(k => ToCredits(k.Expired)).ToArray() },
        ];

        var zone = Billing.BillingDates.For(report.TimeZone);
        var hours = report.LastDay.GroupBy(h => h.Hour).ToDictionary(g => g.Key, g => (Used: g.Sum(x => x.Used), Events: g.Sum(x => x.Events)));
        var last = hours.Count == 0 ? (DateTimeOffset?)null : hours.Keys.Max();
        HourRows = [];
        if (last is { } end)
        {
            for (var h = end.AddHours(-23); h <= end; h = h.AddHours(1))
            {
                var value = hours.GetValueOrDefault(h);
                HourRows.Add((TimeZoneInfo.ConvertTime(h, zone), value.Used, value.Events));
            }
        }

        HourLabels = HourRows.Select((h, i) => i % 3 == 0 ? h.Hour.ToString("HH:mm", Culture) : "").ToArray();
        ByHour = [new ChartSeries<double> { Name = "Credits", Data = HourRows.Select(h => ToCredits(h.Used)).ToArray() }];
    }

    public string[] DayLabels { get; }

    public List<ChartSeries<double>> ByFeature { get; }

    public List<(DateOnly Day, long Used, long Events)> DayRows { get; }

    public List<(string Feature, long Used, long Events)> FeatureRows { get; }

    public List<(string Name, long Used)> UserParts { get; }

    public string[] UserLabels { get; }

    public List<ChartSeries<double>> ByUser { get; }

    public string[] KindLabels { get; }

    public List<ChartSeries<double>> ByKind { get; }

    public List<(DateTimeOffset Hour, long Used, long Events)> HourRows { get; }

    public string[] HourLabels { get; }

    public List<ChartSeries<double>> ByHour { get; }

    public static double ToCredits(long millicredits) => (double)new Millicredits(millicredits).Credits;

    public static string Credits(long millicredits) => new Millicredits(millicredits).Credits.ToString("#,##0.###", Culture);

    public static string KindName(GrantKind kind) => kind switch
    {
        GrantKind.DailyRefresh => "Daily refresh",
        GrantKind.FirstPeriodBonus => "First-period bonus",
        GrantKind.Base => "Base",
        GrantKind.DepartmentAllocation => "Department allocation",
        GrantKind.Purchased => "Purchased",
        GrantKind.Promotional => "Promotional",
        _ => kind.ToString(),
    };

    /// <summary>The forecast's projected balance (credits): expected, busy and quiet pace, one label a week.</summary>
    public static (List<ChartSeries<double>> Series, string[] Labels) Projection(BalanceProjection p, int days = 45)
    {
        var shown = p.Days.Take(days).ToList();
        return (
        [
            new ChartSeries<double> { Name = "Expected", Data = shown.Select(d => ToCredits(d.Expected)).ToArray() },
            new ChartSeries<double> { Name = "Busy pace", Data = shown.Select(d => ToCredits(d.Busy)).ToArray() },
            new ChartSeries<double> { Name = "Quiet pace", Data = shown.Select(d => ToCredits(d.Quiet)).ToArray() },
        ],
        shown.Select((d, i) => i % 7 == 0 ? d.Day.ToString("MMM d", Culture) : "").ToArray());
    }
}
