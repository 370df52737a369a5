using ApexAgent.Domain.Credits;
using ApexAgent.Domain.Credits.Forecasting;

namespace ApexAgent.Tests.Domain.Credits;

/// <summary>The forecast's promises over many generated pools: the range holds the point estimate, and more usage never lasts longer.</summary>
public sealed class BalanceForecastPropertyTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int>();
        for (var seed = 1; seed <= 200; seed++)
        {
            seeds.Add(seed);
        }

        return seeds;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void The_range_contains_the_point_estimate(int seed)
    {
        var random = new Random(seed);
        var projection = BalanceForecast.Project(Today, Usage(random, 1.0), Grants(random), Today.AddDays(random.Next(1, 40)), CreditPack.All);

        if (projection.RunsOutOn is { } point)
        {
            Assert.NotNull(projection.Earliest);
            Assert.True(projection.Earliest <= point, $"earliest {projection.Earliest} after {point}");
            Assert.True(projection.Latest is null || projection.Latest >= point, $"latest {projection.Latest} before {point}");
        }
        else
        {
            Assert.Null(projection.Latest);
        }

        Assert.All(projection.Days, d => Assert.True(d.Busy <= d.Expected && d.Expected <= d.Quiet, $"{d}"));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void More_usage_never_makes_the_pool_run_out_later(int seed)
    {
        var random = new Random(seed);
        var grants = Grants(random);
        var usage = Usage(random, 1.0).ToList();
        var more = usage.Select(u => u with { Used = u.Used + (random.Next(3) == 0 ? random.Next(0, 400_000) : 0) }).ToList();
        var renewal = Today.AddDays(random.Next(1, 40));

        var before = BalanceForecast.Project(Today, usage, grants, renewal, CreditPack.All);
        var after = BalanceForecast.Project(Today, more, grants, renewal, CreditPack.All);

        Assert.True(Later(before.RunsOutOn, after.RunsOutOn), $"{after.RunsOutOn} later than {before.RunsOutOn}");
        Assert.True(Later(before.Earliest, after.Earliest));
        Assert.True(Later(before.Latest, after.Latest));
        Assert.True(after.ShortfallBeforeRenewal >= before.ShortfallBeforeRenewal);
    }

    /// <summary>True when <paramref name="second"/> is no later than <paramref name="first"/> (null = never).</summary>
    private static bool Later(DateOnly? first, DateOnly? second) => second is null ? first is null : first is null || second <= first;

    private static IEnumerable<DailyUsage> Usage(Random random, double scale)
    {
        var busyWeekday = random.Next(7);
        var flat = random.Next(0, 500_000);
        return Enumerable.Range(1, 28).Select(i => Today.AddDays(-i)).Select(d => new DailyUsage(
            d,
            (long)(scale * (random.Next(4) switch
            {
                0 => flat,
                1 => (int)d.DayOfWeek == busyWeekday ? random.Next(0, 3_000_000) : random.Next(0, 100_000),
                2 => random.Next(10) == 0 ? random.Next(0, 5_000_000) : 0,
                _ => random.Next(0, 800_000),
            }))));
    }

    private static List<ForecastGrant> Grants(Random random)
    {
        var grants = new List<ForecastGrant>();
        for (var g = random.Next(0, 5); g > 0; g--)
        {
            var from = Today.AddDays(random.Next(0, 30));
            grants.Add(new ForecastGrant(from, from.AddDays(random.Next(1, 60)), random.Next(0, 20_000_000)));
        }

        if (random.Next(2) == 0)
        {
            grants.AddRange(Enumerable.Range(1, 90).Select(i => new ForecastGrant(Today.AddDays(i), Today.AddDays(i + 1), 300_000)));
        }

        return grants;
    }
}
