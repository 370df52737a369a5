using ApexAgent.Domain.Common;

namespace ApexAgent.Domain.Credits.Forecasting;

/// <summary>
/// Projects a pool's balance from its trailing daily usage, weekday-aware: a Monday is expected to burn what the
/// Mondays of the window burnt (their mean; the quietest and the busiest of them bound the range). The known grants
/// (live remainders, each day's refresh, the next period's base) are burnt soonest-expiry first, as the ledger does,
/// so refresh credits that would lapse unused do not push the run-out day later. The pool runs out on the first day
/// whose expected usage the grants cannot cover. Today is not projected: its usage so far is already in the balance.
/// </summary>
public static class BalanceForecast
{
    public const int DefaultWindowDays = 28;
    public const int DefaultHorizonDays = 90;

    public static BalanceProjection Project(
        DateOnly today,
        IEnumerable<DailyUsage> trailing,
        IReadOnlyList<ForecastGrant> grants,
        DateOnly? nextRenewal,
        IReadOnlyList<CreditPack> packs,
        int windowDays = DefaultWindowDays,
        int horizonDays = DefaultHorizonDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowDays, 7);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizonDays, 1);
        var pace = Pace.From(today, trailing, windowDays);
        var expected = Simulate(today, grants, horizonDays, pace.Expected, nextRenewal);
        var busy = Simulate(today, grants, horizonDays, pace.Busy, nextRenewal);
        var quiet = Simulate(today, grants, horizonDays, pace.Quiet, nextRenewal);
        var days = Enumerable.Range(0, horizonDays)
            .Select(i => new ProjectedDay(today.AddDays(i + 1), expected.Balances[i], busy.Balances[i], quiet.Balances[i]))
            .ToList();
        var dailyUse = new Millicredits((long)Math.Round(Enumerable.Range(0, 7).Average(w => (decimal)pace.Expected[w]), MidpointRounding.AwayFromZero));
        var shortfall = new Millicredits(expected.ShortfallBeforeRenewal);
        return new BalanceProjection(
            today, horizonDays, dailyUse, expected.RunsOutOn, busy.RunsOutOn, quiet.RunsOutOn, shortfall,
            Suggest(expected.RunsOutOn, shortfall, dailyUse, packs), days);
    }

    /// <summary>The smallest pack that covers the shortfall before the renewal; auto top-up when none does or when the pool runs dry only after the renewal.</summary>
    public static ForecastSuggestion? Suggest(DateOnly? runsOutOn, Millicredits shortfall, Millicredits dailyUse, IReadOnlyList<CreditPack> packs)
    {
        if (runsOutOn is null || packs.Count == 0)
        {
            return null;
        }

        var bySize = packs.OrderBy(p => p.Credits).ToList();
        if (shortfall.Value > 0)
        {
            var covering = bySize.FirstOrDefault(p => p.Amount >= shortfall);
            return covering is not null
                ? new ForecastSuggestion(ForecastSuggestionKind.Pack, covering, shortfall)
                : new ForecastSuggestion(ForecastSuggestionKind.AutoTopUp, bySize[^1], shortfall);
        }

        // Enough until the renewal, but not after it: a top-up that lasts about a week keeps the pool from running dry.
        var week = new Millicredits(checked(dailyUse.Value * 7));
        return new ForecastSuggestion(ForecastSuggestionKind.AutoTopUp, bySize.FirstOrDefault(p => p.Amount >= week) ?? bySize[^1], shortfall);
    }

    private static Run Simulate(DateOnly today, IReadOnlyList<ForecastGrant> grants, int horizonDays, long[] byWeekday, DateOnly? renewal)
    {
        var buckets = grants.Where(g => g.Amount > 0).OrderBy(g => g.Until).ThenBy(g => g.From).Select(g => new Bucket(g)).ToList();
        var balances = new long[horizonDays];
        DateOnly? runsOut = null;
        long shortfall = 0;
        for (var i = 0; i < horizonDays; i++)
        {
            var day = today.AddDays(i + 1);
            var need = byWeekday[(int)day.DayOfWeek];
            foreach (var bucket in buckets)
            {
                if (need == 0)
                {
                    break;
                }

                if (bucket.Grant.From <= day && day < bucket.Grant.Until && bucket.Left > 0)
                {
                    var taken = Math.Min(bucket.Left, need);
                    bucket.Left -= taken;
                    need -= taken;
                }
            }

            if (need > 0)
            {
                runsOut ??= day;
                if (renewal is null || day < renewal)
                {
                    shortfall += need;
                }
            }

            balances[i] = buckets.Where(b => b.Grant.From <= day && day < b.Grant.Until).Sum(b => b.Left);
        }

        return new Run(runsOut, shortfall, balances);
    }

    private sealed record Run(DateOnly? RunsOutOn, long ShortfallBeforeRenewal, long[] Balances);

    private sealed class Bucket(ForecastGrant grant)
    {
        public ForecastGrant Grant { get; } = grant;

        public long Left { get; set; } = grant.Amount;
    }

    /// <summary>Millicredits per weekday (index = <see cref="DayOfWeek"/>): mean, least and most of that weekday in the window.</summary>
    private sealed record Pace(long[] Expected, long[] Quiet, long[] Busy)
    {
        public static Pace From(DateOnly today, IEnumerable<DailyUsage> trailing, int windowDays)
        {
            var first = today.AddDays(-windowDays);
            var used = new Dictionary<DateOnly, long>();
            foreach (var usage in trailing.Where(u => u.Day >= first && u.Day < today))
            {
                used[usage.Day] = used.GetValueOrDefault(usage.Day) + Math.Max(0, usage.Used);
            }

            var samples = Enumerable.Range(0, 7).Select(_ => new List<long>()).ToArray();
            for (var day = first; day < today; day = day.AddDays(1))
            {
                samples[(int)day.DayOfWeek].Add(used.GetValueOrDefault(day));
            }

            return new Pace(
                samples.Select(s => (long)Math.Round(s.Average(x => (decimal)x), MidpointRounding.AwayFromZero)).ToArray(),
                samples.Select(s => s.Min()).ToArray(),
                samples.Select(s => s.Max()).ToArray());
        }
    }
}
