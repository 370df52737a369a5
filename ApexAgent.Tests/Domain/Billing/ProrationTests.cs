using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Subscriptions;

namespace ApexAgent.Tests.Domain.Billing;

public sealed class ProrationTests
{
    private static readonly DateTimeOffset Anchor = new(2026, 11, 1, 9, 30, 0, TimeSpan.Zero);
    private static readonly BillingPeriod November = BillingPeriod.Starting(Anchor, BillingCycle.Monthly); // 30 days

    [Fact]
    public void Team_from_three_to_five_seats_ten_days_into_november_charges_two_seats_for_twenty_days()
    {
        var now = Anchor.AddDays(10).AddHours(2); // the 11th: 20 days left, that day included
        var preview = Proration.ForPlanChange(new PlanPosition(TestTiers.Team, BillingCycle.Monthly, 3), new PlanPosition(TestTiers.Team, BillingCycle.Monthly, 5), November, now);

        Assert.Equal(PlanChangeTiming.Now, preview.Timing);
        Assert.Equal([-8_000L, 13_333L], preview.Lines.Select(l => l.Amount.Minor)); // -$120 × 20/30, +$200 × 20/30 (13,333.33 → 13,333)
        Assert.Equal(Money.Usd(5_333), preview.AmountDue);
        Assert.Equal(new Millicredits(10_666_667), preview.CreditsChange); // 2 seats × 8,000 credits × 20/30, rounded once
        Assert.Contains("20 of 30 days", preview.Lines[0].Description, StringComparison.Ordinal);
        Assert.Equal(November, preview.Period);
    }

    [Fact]
    public void A_downgrade_waits_for_the_period_end_unless_asked_for_now_and_then_credits_the_balance()
    {
        var now = Anchor.AddDays(15);
        var team = new PlanPosition(TestTiers.Team, BillingCycle.Monthly, 2);
        var pro = new PlanPosition(TestTiers.Pro, BillingCycle.Monthly, 1);

        var later = Proration.ForPlanChange(team, pro, November, now);
        var immediately = Proration.ForPlanChange(team, pro, November, now, downgradeNow: true);

        Assert.Equal((PlanChangeTiming.AtPeriodEnd, November.End, 0L), (later.Timing, later.EffectiveAt, later.AmountDue.Minor));
        Assert.Empty(later.Lines);
        Assert.Equal(PlanChangeTiming.Now, immediately.Timing);
        Assert.Equal(Money.Usd(-4_000 + 1_000), immediately.AmountDue); // -$80 × 15/30 + $20 × 15/30
        Assert.True(immediately.CreditsChange < Millicredits.Zero);
    }

    [Fact]
    public void Free_to_pro_or_a_cycle_change_starts_a_new_period_and_charges_all_of_it()
    {
        var now = Anchor.AddDays(12);
        var toPro = Proration.ForPlanChange(new PlanPosition(TestTiers.Free, BillingCycle.Monthly, 1), new PlanPosition(TestTiers.Pro, BillingCycle.Monthly, 1), November, now);
        var toAnnual = Proration.ForPlanChange(new PlanPosition(TestTiers.Pro, BillingCycle.Monthly, 1), new PlanPosition(TestTiers.Pro, BillingCycle.Annual, 1), November, now);

        Assert.Equal(Money.Usd(2_000), Assert.Single(toPro.Lines).Amount);
        Assert.Equal(BillingPeriod.Starting(now, BillingCycle.Monthly), toPro.Period);
        Assert.Equal([-1_200L, 20_000L], toAnnual.Lines.Select(l => l.Amount.Minor)); // -$20 × 18/30, +$200
        Assert.Equal(BillingPeriod.Starting(now, BillingCycle.Annual), toAnnual.Period);
        Assert.Equal(Millicredits.FromCredits(5_000) - Millicredits.FromCredits(3_000), toAnnual.CreditsChange); // the new period's base, less 18/30 of the old
    }

    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int>();
        for (var seed = 1; seed <= 400; seed++)
        {
            seeds.Add(seed);
        }

        return seeds;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Lines_are_exact_to_half_a_cent_sum_to_the_amount_due_and_undoing_a_change_nets_to_nothing(int seed)
    {
        var random = new Random(seed);
        var tiers = new[] { TestTiers.Pro, TestTiers.Team, TestTiers.Enterprise };
        var tier = tiers[random.Next(tiers.Length)];
        var cycle = tier.Offers(BillingCycle.Monthly) && random.Next(2) == 0 ? BillingCycle.Monthly : BillingCycle.Annual;
        var anchor = Anchor.AddDays(random.Next(0, 400)).AddMinutes(random.Next(0, 1440));
        var period = BillingPeriod.Starting(anchor, cycle);
        var now = period.Start + TimeSpan.FromSeconds(random.NextDouble() * (period.Length.TotalSeconds - 1));
        var from = new PlanPosition(tier, cycle, random.Next(1, 80));
        var to = new PlanPosition(tier, cycle, random.Next(1, 80));

        var there = Proration.ForPlanChange(from, to, period, now, downgradeNow: true);
        var back = Proration.ForPlanChange(to, from, period, now, downgradeNow: true);

        var (remaining, total) = Proration.DaysLeft(period, now);
        Assert.InRange(remaining, 1, total);
        Assert.Equal(there.AmountDue, there.Lines.Aggregate(Money.Zero(there.AmountDue.Currency), (s, l) => s + l.Amount));
        foreach (var (line, full) in there.Lines.Zip([-from.PricePerPeriod.Minor, to.PricePerPeriod.Minor]))
        {
            var exact = (decimal)full * remaining / total;
            Assert.True(Math.Abs(line.Amount.Minor - exact) <= 0.5m, $"seed {seed}: {line.Description} {line.Amount.Minor} vs {exact}");
        }

        Assert.InRange(there.AmountDue.Minor + back.AmountDue.Minor, -2, 2);
        Assert.InRange((there.CreditsChange + back.CreditsChange).Value, -1, 1);
        Assert.Equal(Math.Sign(to.PricePerPeriod.Minor - from.PricePerPeriod.Minor), Math.Sign(there.AmountDue.Minor));
        Assert.Equal(Math.Sign((to.BaseCredits - from.BaseCredits).Value), Math.Sign(there.CreditsChange.Value));
    }

    [Fact]
    public void Cancelling_now_credits_the_unused_days_and_claws_back_their_base_credits_while_at_period_end_nothing_moves()
    {
        var team = new PlanPosition(TestTiers.Team, BillingCycle.Monthly, 3); // $120 a month, 24,000 base credits
        var now = November.Start.AddDays(20); // 10 of November's 30 days left, the day of the change included

        var atEnd = Proration.ForCancellation(team, November, now, cancelNow: false);
        var today = Proration.ForCancellation(team, November, now, cancelNow: true);

        Assert.Equal((PlanChangeTiming.AtPeriodEnd, November.End, 0L), (atEnd.Timing, atEnd.EffectiveAt, atEnd.AmountDue.Minor));
        Assert.Empty(atEnd.Lines);
        Assert.Equal(PlanChangeTiming.Now, today.Timing);
        var line = Assert.Single(today.Lines);
        Assert.Equal((ProrationLineKind.UnusedTime, -4000L), (line.Kind, line.Amount.Minor));
        Assert.Equal(-4000, today.AmountDue.Minor);
        Assert.Equal(-8_000_000, today.CreditsChange.Value);
        Assert.Throws<ArgumentOutOfRangeException>(() => Proration.ForCancellation(team, November, November.End, cancelNow: true));
    }
}
