using ApexAgent.Domain.Billing.Revenue;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Subscriptions;

namespace ApexAgent.Tests.Domain.Billing;

public sealed class RevenueAnalyticsTests
{
    private static readonly Currency Usd = Currency.Usd;
    private static readonly DateTimeOffset Now = new(2026, 7, 15, 12, 0, 0, TimeSpan.Zero);

    private static readonly Guid Acme = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid Birch = Guid.Parse("00000000-0000-0000-0000-00000000000b");
    private static readonly Guid Cobalt = Guid.Parse("00000000-0000-0000-0000-00000000000c");
    private static readonly Guid Delta = Guid.Parse("00000000-0000-0000-0000-00000000000d");

    // ---- Monthly recurring revenue of a price ----------------------------------------------------------------------

    [Fact]
    public void Pro_monthly_at_twenty_dollars_is_twenty_dollars_a_month()
    {
        var price = TestTiers.Pro.PriceFor(BillingCycle.Monthly, 1);

        Assert.Equal(2_000m, MonthlyRecurringRevenue.OfMinor(price, BillingCycle.Monthly));
        Assert.Equal(Money.Usd(2_000), MonthlyRecurringRevenue.Of(price, BillingCycle.Monthly));
    }

    [Fact]
    public void Pro_annual_at_two_hundred_dollars_is_a_twelfth_exactly_and_sixteen_sixty_seven_rounded()
    {
        var price = TestTiers.Pro.PriceFor(BillingCycle.Annual, 1);

        Assert.Equal(Money.Usd(20_000), price);
        Assert.Equal(20_000m / 12m, MonthlyRecurringRevenue.OfMinor(price, BillingCycle.Annual)); // 1,666.666…
        Assert.Equal(Money.Usd(1_667), MonthlyRecurringRevenue.Of(price, BillingCycle.Annual));
    }

    [Fact]
    public void Team_with_three_seats_is_three_seat_prices_a_month_and_annual_seats_a_twelfth_of_the_year()
    {
        Assert.Equal(Money.Usd(12_000), MonthlyRecurringRevenue.Of(TestTiers.Team.PriceFor(BillingCycle.Monthly, 3), BillingCycle.Monthly)); // 3 × $40
        Assert.Equal(Money.Usd(10_000), MonthlyRecurringRevenue.Of(TestTiers.Team.PriceFor(BillingCycle.Annual, 3), BillingCycle.Annual)); // 3 × $400 / 12
        Assert.Equal(Money.Usd(6_667), MonthlyRecurringRevenue.Of(TestTiers.Team.PriceFor(BillingCycle.Annual, 2), BillingCycle.Annual)); // $800 / 12 = 66.666…
        Assert.Equal(Money.Usd(60_000), MonthlyRecurringRevenue.Of(TestTiers.Enterprise.PriceFor(BillingCycle.Annual, 10), BillingCycle.Annual)); // $7,200 / 12
    }

    [Theory]
    [InlineData(6, 1)] // 0.5 → 1
    [InlineData(30, 3)] // 2.5 → 3 (banker's rounding would say 2)
    [InlineData(42, 4)] // 3.5 → 4
    [InlineData(17, 1)] // 1.4166… → 1
    [InlineData(0, 0)]
    public void An_annual_price_rounds_once_half_away_from_zero(long annualMinor, long expectedMonthlyMinor)
    {
        Assert.Equal(Money.Usd(expectedMonthlyMinor), MonthlyRecurringRevenue.Of(Money.Usd(annualMinor), BillingCycle.Annual));
    }

    [Fact]
    public void The_monthly_amount_keeps_the_currency_of_the_price()
    {
        Assert.Equal(new Money(1_667, Currency.Eur), MonthlyRecurringRevenue.Of(new Money(20_000, Currency.Eur), BillingCycle.Annual));
    }

    // ---- The report on a known timeline ----------------------------------------------------------------------------

    /// <summary>
    /// Four organisations from January to July 2026 (and one change after now), listed out of order:
    /// Acme: Pro in January (before the window), Team 3 seats in March, down to 2 seats in April, canceled at the very end of
    /// May in UTC (June in local time), resumed in July. Birch: Pro annual in February, to monthly in April, renewed and past
    /// due without a price change, back on Free in June. Cobalt: Enterprise 10 seats annual in March, a cancellation scheduled
    /// in June, a downgrade after now. Delta: Free only.
    /// </summary>
    private static List<RevenueChange> KnownTimeline() =>
    [
        Change(Acme, Utc(2026, 7, 2), SubscriptionChangeKind.Resumed, TierCode.Team, 0, 8_000),
        Change(Birch, Utc(2026, 2, 14), SubscriptionChangeKind.Subscribed, TierCode.Pro, 0, 1_667),
        Change(Cobalt, Utc(2026, 7, 20), SubscriptionChangeKind.Downgraded, TierCode.Team, 60_000, 8_000), // after now
        Change(Acme, Utc(2026, 3, 5), SubscriptionChangeKind.Upgraded, TierCode.Team, 2_000, 12_000),
        Change(Birch, Utc(2026, 6, 17), SubscriptionChangeKind.FellBackToFree, TierCode.Free, 2_000, 0),
        Change(Acme, Utc(2026, 1, 10), SubscriptionChangeKind.Subscribed, TierCode.Pro, 0, 2_000),
        Change(Cobalt, Utc(2026, 3, 20), SubscriptionChangeKind.Subscribed, TierCode.Enterprise, 0, 60_000),
        Change(Birch, Utc(2026, 4, 1), SubscriptionChangeKind.CycleChanged, TierCode.Pro, 1_667, 2_000),
        Change(Acme, new DateTimeOffset(2026, 6, 1, 1, 30, 0, TimeSpan.FromHours(2)), SubscriptionChangeKind.Canceled, TierCode.Team, 8_000, 0),
        Change(Birch, Utc(2026, 5, 1), SubscriptionChangeKind.Renewed, TierCode.Pro, 2_000, 2_000),
        Change(Acme, Utc(2026, 4, 20), SubscriptionChangeKind.SeatsChanged, TierCode.Team, 12_000, 8_000),
        Change(Delta, Utc(2026, 5, 3), SubscriptionChangeKind.Subscribed, TierCode.Free, 0, 0),
        Change(Birch, Utc(2026, 6, 10), SubscriptionChangeKind.PastDue, TierCode.Pro, 2_000, 2_000),
        Change(Cobalt, Utc(2026, 6, 1), SubscriptionChangeKind.CancellationScheduled, TierCode.Enterprise, 60_000, 60_000),
    ];

    [Fact]
    public void Mrr_is_the_sum_of_the_latest_states_at_now_arr_is_twelve_times_it_and_changes_after_now_do_not_count()
    {
        var report = RevenueAnalytics.Build(KnownTimeline(), Now, 6, Usd);

        Assert.Equal(Money.Usd(8_000 + 60_000), report.Mrr); // Acme Team 2 seats + Cobalt Enterprise; Cobalt's July 20 downgrade is later
        Assert.Equal(Money.Usd(816_000), report.Arr);
        Assert.Equal(2, report.PayingOrganizations);
        Assert.Equal(
            [new TierShare(TierCode.Team, 1, Money.Usd(8_000)), new TierShare(TierCode.Enterprise, 1, Money.Usd(60_000))],
            report.ByTier);
    }

    [Fact]
    public void Each_month_shows_its_new_business_upgrades_downgrades_cancellations_and_reactivations()
    {
        var months = RevenueAnalytics.Build(KnownTimeline(), Now, 6, Usd).Months;

        Assert.Equal(
            [new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 1), new DateOnly(2026, 5, 1), new DateOnly(2026, 6, 1), new DateOnly(2026, 7, 1)],
            months.Select(m => m.Month));

        // Month, start, end, new, upgrades, downgrades, cancellations, reactivations, then the money in minor units.
        Assert.Equal(Expected(new DateOnly(2026, 2, 1), 2_000, 3_667, newCount: 1, newMrr: 1_667), months[0]);
        Assert.Equal(Expected(new DateOnly(2026, 3, 1), 3_667, 73_667, newCount: 1, upgrades: 1, newMrr: 60_000, expansion: 10_000), months[1]);
        Assert.Equal(Expected(new DateOnly(2026, 4, 1), 73_667, 70_000, upgrades: 1, downgrades: 1, expansion: 333, contraction: 4_000), months[2]);
        Assert.Equal(Expected(new DateOnly(2026, 5, 1), 70_000, 62_000, cancellations: 1, churned: 8_000), months[3]); // Acme cancels on May 31 UTC
        Assert.Equal(Expected(new DateOnly(2026, 6, 1), 62_000, 60_000, cancellations: 1, churned: 2_000), months[4]); // Birch falls back to Free
        Assert.Equal(Expected(new DateOnly(2026, 7, 1), 60_000, 68_000, reactivations: 1, reactivation: 8_000), months[5]); // Acme had paid before
    }

    [Fact]
    public void Input_order_only_decides_between_changes_at_the_same_instant()
    {
        var at = Utc(2026, 5, 5);
        var toFour = Change(Acme, at, SubscriptionChangeKind.SeatsChanged, TierCode.Team, 8_000, 16_000);
        var toTwo = Change(Acme, at, SubscriptionChangeKind.SeatsChanged, TierCode.Team, 16_000, 8_000);
        var subscribed = Change(Acme, Utc(2026, 4, 1), SubscriptionChangeKind.Subscribed, TierCode.Team, 0, 8_000);

        Assert.Equal(Money.Usd(8_000), RevenueAnalytics.Build([toFour, subscribed, toTwo], Now, 3, Usd).Mrr);
        Assert.Equal(Money.Usd(16_000), RevenueAnalytics.Build([toTwo, toFour, subscribed], Now, 3, Usd).Mrr);
    }

    [Fact]
    public void A_before_that_disagrees_with_the_previous_after_is_replaced_by_it_and_the_difference_is_part_of_the_movement()
    {
        RevenueChange[] changes =
        [
            Change(Acme, Utc(2026, 5, 2), SubscriptionChangeKind.Subscribed, TierCode.Pro, 0, 2_000),
            Change(Acme, Utc(2026, 6, 2), SubscriptionChangeKind.Upgraded, TierCode.Team, 5_000, 12_000), // says $50 before; it was $20
            Change(Acme, Utc(2026, 7, 2), SubscriptionChangeKind.Canceled, TierCode.Team, 9_999, 0), // says $99.99; it was $120
        ];

        var months = RevenueAnalytics.Build(changes, Now, 3, Usd).Months;

        Assert.Equal(Expected(new DateOnly(2026, 5, 1), 0, 2_000, newCount: 1, newMrr: 2_000), months[0]);
        Assert.Equal(Expected(new DateOnly(2026, 6, 1), 2_000, 12_000, upgrades: 1, expansion: 10_000), months[1]);
        Assert.Equal(Expected(new DateOnly(2026, 7, 1), 12_000, 0, cancellations: 1, churned: 12_000), months[2]);
    }

    [Fact]
    public void An_organisations_first_before_is_its_opening_revenue_from_before_the_timeline_and_counts_as_having_paid()
    {
        RevenueChange[] changes =
        [
            Change(Acme, Utc(2026, 6, 2), SubscriptionChangeKind.SeatsChanged, TierCode.Team, 8_000, 12_000),
            Change(Acme, Utc(2026, 6, 20), SubscriptionChangeKind.Canceled, TierCode.Team, 12_000, 0),
            Change(Acme, Utc(2026, 7, 2), SubscriptionChangeKind.Subscribed, TierCode.Pro, 0, 2_000),
        ];

        var months = RevenueAnalytics.Build(changes, Now, 3, Usd).Months;

        Assert.Equal(Expected(new DateOnly(2026, 5, 1), 8_000, 8_000), months[0]);
        Assert.Equal(Expected(new DateOnly(2026, 6, 1), 8_000, 0, upgrades: 1, cancellations: 1, expansion: 4_000, churned: 12_000), months[1]);
        Assert.Equal(Expected(new DateOnly(2026, 7, 1), 0, 2_000, reactivations: 1, reactivation: 2_000), months[2]);
    }

    [Fact]
    public void Kinds_decide_upgrade_or_downgrade_but_money_follows_the_delta_and_a_downgrade_to_free_is_churn()
    {
        RevenueChange[] changes =
        [
            Change(Acme, Utc(2026, 7, 1), SubscriptionChangeKind.Subscribed, TierCode.Pro, 0, 2_000),
            Change(Acme, Utc(2026, 7, 2), SubscriptionChangeKind.Upgraded, TierCode.Team, 2_000, 2_000), // a discounted Team: counted, no money
            Change(Acme, Utc(2026, 7, 3), SubscriptionChangeKind.CycleChanged, TierCode.Team, 2_000, 1_500), // to annual: cheaper
            Change(Acme, Utc(2026, 7, 4), SubscriptionChangeKind.Renewed, TierCode.Team, 1_500, 1_800), // renewed at a new price
            Change(Acme, Utc(2026, 7, 5), SubscriptionChangeKind.Downgraded, TierCode.Free, 1_800, 0),
            Change(Birch, Utc(2026, 7, 1), SubscriptionChangeKind.Recovered, TierCode.Pro, 0, 0),
        ];

        var july = Assert.Single(RevenueAnalytics.Build(changes, Now, 1, Usd).Months);

        Assert.Equal(Expected(new DateOnly(2026, 7, 1), 0, 0, newCount: 1, upgrades: 2, downgrades: 1, cancellations: 1, newMrr: 2_000, expansion: 300, contraction: 500, churned: 1_800), july);
    }

    [Fact]
    public void The_current_month_is_the_month_of_now_in_utc()
    {
        var now = new DateTimeOffset(2026, 8, 1, 1, 0, 0, TimeSpan.FromHours(2)); // July 31, 23:00 UTC
        RevenueChange[] changes = [Change(Acme, new DateTimeOffset(2026, 7, 31, 22, 0, 0, TimeSpan.Zero), SubscriptionChangeKind.Subscribed, TierCode.Pro, 0, 2_000)];

        var report = RevenueAnalytics.Build(changes, now, 2, Usd);

        Assert.Equal([new DateOnly(2026, 6, 1), new DateOnly(2026, 7, 1)], report.Months.Select(m => m.Month));
        Assert.Equal((1, 2_000L), (report.Months[1].New, report.Months[1].MrrAtEnd.Minor));
    }

    [Fact]
    public void No_changes_make_an_empty_report_of_the_asked_months()
    {
        var report = RevenueAnalytics.Build([], Now, 12, Usd);

        Assert.Equal((0L, 0L, 0), (report.Mrr.Minor, report.Arr.Minor, report.PayingOrganizations));
        Assert.Empty(report.ByTier);
        Assert.Equal(12, report.Months.Count);
        Assert.Equal(new DateOnly(2025, 8, 1), report.Months[0].Month);
        Assert.All(report.Months, m => Assert.Equal(Expected(m.Month, 0, 0), m));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(121)]
    public void Months_outside_one_to_a_hundred_and_twenty_are_refused(int months)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RevenueAnalytics.Build(KnownTimeline(), Now, months, Usd));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(120)]
    public void One_and_a_hundred_and_twenty_months_are_allowed(int months)
    {
        Assert.Equal(months, RevenueAnalytics.Build(KnownTimeline(), Now, months, Usd).Months.Count);
    }

    [Fact]
    public void A_change_in_another_currency_is_refused_even_after_now()
    {
        var euros = new RevenueChange(Acme, Now.AddDays(3), SubscriptionChangeKind.Subscribed, TierCode.Pro, Money.Zero(Currency.Eur), new Money(2_000, Currency.Eur));
        var mixed = KnownTimeline()[0] with { RecurringRevenueAfter = new Money(8_000, Currency.Gbp) };

        Assert.Throws<ArgumentException>(() => RevenueAnalytics.Build([.. KnownTimeline(), euros], Now, 6, Usd));
        Assert.Throws<ArgumentException>(() => RevenueAnalytics.Build([mixed], Now, 6, Usd));
        Assert.Throws<ArgumentException>(() => RevenueAnalytics.Build(KnownTimeline(), Now, 6, Currency.Eur));
    }

    // ---- Properties over random timelines --------------------------------------------------------------------------

    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int>();
        for (var seed = 1; seed <= 300; seed++)
        {
            seeds.Add(seed);
        }

        return seeds;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_timelines_reconcile_every_month_and_agree_with_a_replay_of_the_changes(int seed)
    {
        var (changes, now, monthCount) = RandomTimeline(seed);
        var report = RevenueAnalytics.Build(changes, now, monthCount, Usd);
        var replay = new Replay(changes, now);

        // Months: the asked number, consecutive first days, ending with the UTC month of now.
        Same(monthCount, report.Months.Count, seed, "month count");
        var currentMonth = new DateOnly(now.UtcDateTime.Year, now.UtcDateTime.Month, 1);
        for (var i = 0; i < monthCount; i++)
        {
            Same(currentMonth.AddMonths(i - (monthCount - 1)), report.Months[i].Month, seed, $"month {i}");
        }

        // Mrr, Arr and paying organisations are the replayed latest states.
        Same(replay.MrrBefore(DateTimeOffset.MaxValue), report.Mrr.Minor, seed, "MRR");
        Same(report.Mrr.Minor * 12, report.Arr.Minor, seed, "ARR");
        Same(replay.Latest.Count(s => s.After > 0), report.PayingOrganizations, seed, "paying organisations");
        Same(report.Mrr, report.Months[^1].MrrAtEnd, seed, "the current month ends at MRR");

        // By tier: sums to Mrr and the paying count, one row per tier that has some, in tier order, as replayed.
        Same(report.Mrr.Minor, report.ByTier.Sum(t => t.Mrr.Minor), seed, "sum of MRR by tier");
        Same(report.PayingOrganizations, report.ByTier.Sum(t => t.Organizations), seed, "sum of organisations by tier");
        Assert.True(report.ByTier.All(t => t.Organizations > 0), $"seed {seed}: a tier without organisations is listed");
        Assert.True(report.ByTier.Zip(report.ByTier.Skip(1)).All(p => p.First.Tier < p.Second.Tier), $"seed {seed}: tiers out of order");
        foreach (var share in report.ByTier)
        {
            var onTier = replay.Latest.Where(s => s.After > 0 && s.Tier == share.Tier).ToList();
            Same((onTier.Count, onTier.Sum(s => s.After)), (share.Organizations, share.Mrr.Minor), seed, $"tier {share.Tier}");
        }

        for (var i = 0; i < monthCount; i++)
        {
            var month = report.Months[i];
            var start = new DateTimeOffset(month.Month.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var what = $"{month.Month:yyyy-MM}";

            // Reconciliation, exactly, with money movements never negative.
            var moved = month.MrrAtStart.Minor + month.NewMrr.Minor + month.ExpansionMrr.Minor + month.ReactivationMrr.Minor
                - month.ContractionMrr.Minor - month.ChurnedMrr.Minor;
            Same(month.MrrAtEnd.Minor, moved, seed, $"{what} reconciliation");
            if (i > 0)
            {
                Same(report.Months[i - 1].MrrAtEnd, month.MrrAtStart, seed, $"{what} starts where the previous month ended");
            }

            Assert.True(
                new[] { month.NewMrr, month.ExpansionMrr, month.ContractionMrr, month.ChurnedMrr, month.ReactivationMrr }.All(m => m.Minor >= 0 && m.Currency == Usd),
                $"seed {seed}: {what} has a negative movement or a foreign currency");

            // Start and end are the replayed revenue at the month's boundaries (the end of the current month is now).
            Same(replay.MrrBefore(start), month.MrrAtStart.Minor, seed, $"{what} MRR at start");
            Same(replay.MrrBefore(start.AddMonths(1)), month.MrrAtEnd.Minor, seed, $"{what} MRR at end");

            // Counts and money: the changes of the month, classified one by one.
            var ofMonth = replay.Movements.Where(m => m.At >= start && m.At < start.AddMonths(1)).ToList();
            Same(Tally(ofMonth), Tally(month), seed, $"{what} counts and movements");
        }

        // Changes after now change nothing.
        var future = changes.Concat(RandomTimeline(seed + 10_000).Changes.Select((c, i) => c with { At = now.AddTicks(1 + i) })).ToList();
        Same(report.Mrr, RevenueAnalytics.Build(future, now, monthCount, Usd).Mrr, seed, "MRR with changes after now");
        Same(Flatten(report), Flatten(RevenueAnalytics.Build(future, now, monthCount, Usd)), seed, "report with changes after now");
    }

    [Fact]
    public void Random_timelines_exercise_every_kind_of_movement()
    {
        // Guards the property above against a generator that never produces, say, a reactivation.
        var seen = new HashSet<string>();
        for (var seed = 1; seed <= 300; seed++)
        {
            var (changes, now, _) = RandomTimeline(seed);
            seen.UnionWith(new Replay(changes, now).Movements.Select(m => m.Class));
        }

        Assert.Superset(new HashSet<string> { "New", "Upgrade", "Downgrade", "Cancellation", "Reactivation", "None" }, seen);
    }

    private static (List<RevenueChange> Changes, DateTimeOffset Now, int Months) RandomTimeline(int seed)
    {
        var random = new Random(seed);
        var offset = TimeSpan.FromHours(random.Next(-12, 15));
        var nowUtc = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(random.Next(0, 800)).AddMinutes(random.Next(0, 1_440));
        var now = new DateTimeOffset(nowUtc.Add(offset).Ticks, offset);
        var months = random.Next(4) == 0 ? random.Next(1, 121) : random.Next(1, 25);
        var earliest = nowUtc.AddDays(-random.Next(30, 1_500));
        long[] prices = [2_000, 1_667, 4_000, 8_000, 12_000, 6_667, 60_000, 600_000];
        var kinds = Enum.GetValues<SubscriptionChangeKind>();
        var tiers = Enum.GetValues<TierCode>();

        var changes = new List<RevenueChange>();
        var organizationCount = random.Next(0, 14);
        for (var org = 0; org < organizationCount; org++)
        {
            var id = new Guid(org + 1, 0, 0, new byte[8]);
            var current = random.Next(4) == 0 ? prices[random.Next(prices.Length)] : 0L;
            var at = earliest.AddMinutes(random.Next(0, 60 * 24 * 200));
            for (var n = random.Next(1, 16); n > 0; n--)
            {
                if (random.Next(6) > 0)
                {
                    at = at.AddMinutes(random.Next(0, 60 * 24 * 120)); // otherwise at the same instant as the previous change
                }

                var after = random.Next(10) switch
                {
                    < 3 => 0L,
                    < 5 => current,
                    < 9 => prices[random.Next(prices.Length)],
                    _ => random.Next(1, 100_000),
                };
                var before = random.Next(5) == 0 ? random.Next(3) == 0 ? 0L : random.Next(1, 100_000) : current; // sometimes wrong
                var changeOffset = TimeSpan.FromHours(random.Next(-12, 15));
                changes.Add(new RevenueChange(
                    id,
                    new DateTimeOffset(at.Add(changeOffset).Ticks, changeOffset),
                    kinds[random.Next(kinds.Length)],
                    tiers[random.Next(tiers.Length)],
                    Money.Usd(before),
                    Money.Usd(after)));
                current = after;
            }
        }

        for (var i = changes.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (changes[i], changes[j]) = (changes[j], changes[i]);
        }

        return (changes, now, months);
    }

    /// <summary>
    /// The test's own reading of the rules, organisation by organisation: each organisation's changes up to now in order
    /// (instant, then input position); its first "before" is where it starts, every later change starts where the previous
    /// one ended.
    /// </summary>
    private sealed class Replay
    {
        private readonly List<(Guid Organization, long Opening, List<RevenueChange> Changes)> organizations;

        public Replay(IReadOnlyList<RevenueChange> changes, DateTimeOffset now)
        {
            organizations = changes
                .Select((change, position) => (change, position))
                .Where(x => x.change.At <= now)
                .GroupBy(x => x.change.OrganizationId)
                .Select(g =>
                {
                    var ordered = g.OrderBy(x => x.change.At.UtcTicks).ThenBy(x => x.position).Select(x => x.change).ToList();
                    return (g.Key, ordered[0].RecurringRevenueBefore.Minor, ordered);
                })
                .ToList();

            foreach (var (_, opening, ordered) in organizations)
            {
                var before = opening;
                var paid = opening > 0;
                foreach (var change in ordered)
                {
                    var after = change.RecurringRevenueAfter.Minor;
                    Movements.Add(new Movement(change.At, Classify(change.Kind, before, after, paid), before, after));
                    paid |= after > 0;
                    before = after;
                }
            }

            Latest = organizations.Select(o => (o.Changes[^1].Tier, o.Changes[^1].RecurringRevenueAfter.Minor)).ToList();
        }

        public List<Movement> Movements { get; } = [];

        public List<(TierCode Tier, long After)> Latest { get; }

        /// <summary>The sum over organisations of the after of its last change before <paramref name="instant"/> (its opening revenue when none).</summary>
        public long MrrBefore(DateTimeOffset instant) => organizations.Sum(o =>
            o.Changes.LastOrDefault(c => c.At < instant)?.RecurringRevenueAfter.Minor ?? o.Opening);

        private static string Classify(SubscriptionChangeKind kind, long before, long after, bool paid)
        {
            if (before == 0)
            {
                return after == 0 ? "None" : paid ? "Reactivation" : "New";
            }

            if (after == 0)
            {
                return "Cancellation";
            }

            return kind switch
            {
                SubscriptionChangeKind.Upgraded => "Upgrade",
                SubscriptionChangeKind.Downgraded => "Downgrade",
                _ => after > before ? "Upgrade" : after < before ? "Downgrade" : "None",
            };
        }
    }

    private sealed record Movement(DateTimeOffset At, string Class, long Before, long After);

    private static (int New, int Up, int Down, int Cancel, int React, long NewMrr, long Expansion, long Contraction, long Churned, long Reactivation) Tally(IReadOnlyList<Movement> movements)
    {
        int Count(string c) => movements.Count(m => m.Class == c);
        var resized = movements.Where(m => m.Class is "Upgrade" or "Downgrade").ToList();
        return (
            Count("New"), Count("Upgrade"), Count("Downgrade"), Count("Cancellation"), Count("Reactivation"),
            movements.Where(m => m.Class == "New").Sum(m => m.After),
            resized.Sum(m => Math.Max(0, m.After - m.Before)),
            resized.Sum(m => Math.Max(0, m.Before - m.After)),
            movements.Where(m => m.Class == "Cancellation").Sum(m => m.Before),
            movements.Where(m => m.Class == "Reactivation").Sum(m => m.After));
    }

    private static (int, int, int, int, int, long, long, long, long, long) Tally(RevenueMonth m) =>
        (m.New, m.Upgrades, m.Downgrades, m.Cancellations, m.Reactivations,
            m.NewMrr.Minor, m.ExpansionMrr.Minor, m.ContractionMrr.Minor, m.ChurnedMrr.Minor, m.ReactivationMrr.Minor);

    private static string Flatten(RevenueReport report) =>
        $"{report.Mrr.Minor}|{report.Arr.Minor}|{report.PayingOrganizations}|{string.Join(";", report.ByTier)}|{string.Join(";", report.Months)}";

    private static void Same<T>(T expected, T actual, int seed, string what) =>
        Assert.True(EqualityComparer<T>.Default.Equals(expected, actual), $"seed {seed}: {what}: expected {expected}, got {actual}");

    private static RevenueChange Change(Guid organization, DateTimeOffset at, SubscriptionChangeKind kind, TierCode tier, long beforeMinor, long afterMinor) =>
        new(organization, at, kind, tier, Money.Usd(beforeMinor), Money.Usd(afterMinor));

    private static DateTimeOffset Utc(int year, int month, int day) => new(year, month, day, 10, 0, 0, TimeSpan.Zero);

    private static RevenueMonth Expected(
        DateOnly month,
        long start,
        long end,
        int newCount = 0,
        int upgrades = 0,
        int downgrades = 0,
        int cancellations = 0,
        int reactivations = 0,
        long newMrr = 0,
        long expansion = 0,
        long contraction = 0,
        long churned = 0,
        long reactivation = 0) =>
        new(month, Money.Usd(start), Money.Usd(end), newCount, upgrades, downgrades, cancellations, reactivations,
            Money.Usd(newMrr), Money.Usd(expansion), Money.Usd(contraction), Money.Usd(churned), Money.Usd(reactivation));
}
