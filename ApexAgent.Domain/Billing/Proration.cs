using ApexAgent.Domain.Common;
using ApexAgent.Domain.Subscriptions;

namespace ApexAgent.Domain.Billing;

/// <summary>
/// Day-exact proration of plan changes (PRODUCT.md, "Money, invoices, tax"). The part of the period still to come is
/// counted in days, the day of the change included; every line is computed exactly in <c>decimal</c> and rounded once,
/// half away from zero.
/// </summary>
public static class Proration
{
    /// <summary>Is moving from <paramref name="current"/> to <paramref name="target"/> a downgrade (cheaper per period, same cycle)?</summary>
    public static bool IsDowngrade(PlanPosition current, PlanPosition target) =>
        current.Cycle == target.Cycle && target.PricePerPeriod.Minor < current.PricePerPeriod.Minor;

    /// <summary>
    /// The preview of changing from <paramref name="current"/>, in <paramref name="period"/>, to <paramref name="target"/>
    /// at <paramref name="now"/>. Downgrades wait for the period end unless <paramref name="downgradeNow"/>; upgrades and
    /// cycle changes apply at once (a cycle change starts a new period now).
    /// </summary>
    public static ProrationPreview ForPlanChange(PlanPosition current, PlanPosition target, BillingPeriod period, DateTimeOffset now, bool downgradeNow = false)
    {
        if (!period.Contains(now))
        {
            throw new ArgumentOutOfRangeException(nameof(now), "A plan change happens within the current period.");
        }

        var currency = current.PricePerPeriod.Currency;
        if (target.PricePerPeriod.Currency != currency)
        {
            throw new ArgumentException("Plans of different currencies cannot be prorated against each other.", nameof(target));
        }

        if (IsDowngrade(current, target) && !downgradeNow)
        {
            return new ProrationPreview([], Money.Zero(currency), Millicredits.Zero, PlanChangeTiming.AtPeriodEnd, period.End, BillingPeriod.Starting(period.End, target.Cycle));
        }

        var (remaining, total) = DaysLeft(period, now);
        var unused = Line(ProrationLineKind.UnusedTime, $"Unused time on {current.Describe()}", -current.PricePerPeriod.Minor, remaining, total, currency, now, period.End);
        if (target.Cycle != current.Cycle || current.Tier.IsFree)
        {
            // A new billing cycle, or the first paid plan, starts a new period now: the whole of it is charged.
            var next = BillingPeriod.Starting(now, target.Cycle);
            var full = new ProrationLine(ProrationLineKind.NewPeriod, $"{target.Describe()}", target.PricePerPeriod, next.Start, next.End);
            var unusedCredits = Round(-(decimal)current.BaseCredits.Value * remaining / total);
            ProrationLine[] lines = unused.Amount.Minor == 0 ? [full] : [unused, full];
            return Preview(lines, new Millicredits(unusedCredits) + target.BaseCredits, now, next, currency);
        }

        var charge = Line(ProrationLineKind.RemainingTime, $"Remaining time on {target.Describe()}", target.PricePerPeriod.Minor, remaining, total, currency, now, period.End);
        var credits = Round((decimal)(target.BaseCredits - current.BaseCredits).Value * remaining / total);
        return Preview([unused, charge], new Millicredits(credits), now, period, currency);
    }

    /// <summary>
    /// The preview of ending a paid plan for Free. At the period end (the default) nothing is charged or credited; now,
    /// the unused time comes back as a credit (to the account balance) and the unused base credits are clawed back.
    /// </summary>
    public static ProrationPreview ForCancellation(PlanPosition current, BillingPeriod period, DateTimeOffset now, bool cancelNow)
    {
        var currency = current.PricePerPeriod.Currency;
        if (!cancelNow)
        {
            return new ProrationPreview([], Money.Zero(currency), Millicredits.Zero, PlanChangeTiming.AtPeriodEnd, period.End, BillingPeriod.Starting(period.End, BillingCycle.Monthly));
        }

        if (!period.Contains(now))
        {
            throw new ArgumentOutOfRangeException(nameof(now), "A cancellation applied now happens within the current period.");
        }

        var (remaining, total) = DaysLeft(period, now);
        var unused = Line(ProrationLineKind.UnusedTime, $"Unused time on {current.Describe()}", -current.PricePerPeriod.Minor, remaining, total, currency, now, period.End);
        ProrationLine[] lines = unused.Amount.Minor == 0 ? [] : [unused];
        var credits = new Millicredits(Round(-(decimal)current.BaseCredits.Value * remaining / total));
        return new ProrationPreview(lines, unused.Amount, credits, PlanChangeTiming.Now, now, BillingPeriod.Starting(now, BillingCycle.Monthly));
    }

    /// <summary>Days of the period still to come at <paramref name="now"/> (the current day counts), and the days in it.</summary>
    public static (int Remaining, int Total) DaysLeft(BillingPeriod period, DateTimeOffset now)
    {
        var total = Math.Max(1, (int)Math.Round(period.Length.TotalDays, MidpointRounding.AwayFromZero));
        var remaining = (int)Math.Ceiling((period.End - now).TotalDays);
        return (Math.Clamp(remaining, 0, total), total);
    }

    private static ProrationPreview Preview(ProrationLine[] lines, Millicredits credits, DateTimeOffset now, BillingPeriod period, Currency currency) =>
        new(lines, lines.Aggregate(Money.Zero(currency), (sum, line) => sum + line.Amount), credits, PlanChangeTiming.Now, now, period);

    private static ProrationLine Line(ProrationLineKind kind, string description, long fullPeriodMinor, int remaining, int total, Currency currency, DateTimeOffset from, DateTimeOffset to) =>
        new(kind, $"{description}, {remaining} of {total} days", new Money(Round((decimal)fullPeriodMinor * remaining / total), currency), from, to);

    private static long Round(decimal exact) => (long)decimal.Round(exact, 0, MidpointRounding.AwayFromZero);
}
