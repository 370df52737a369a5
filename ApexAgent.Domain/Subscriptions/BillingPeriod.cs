namespace ApexAgent.Domain.Subscriptions;

/// <summary>A half-open billing period [Start, End).</summary>
public readonly record struct BillingPeriod(DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>The first period of a subscription whose billing anchor is <paramref name="start"/>.</summary>
    public static BillingPeriod Starting(DateTimeOffset start, BillingCycle cycle) => Number(start, cycle, 0);

    /// <summary>
    /// The <paramref name="n"/>th period (0-based) counted from the billing anchor. Every period is computed from
    /// the anchor, never from the previous period, so a subscription started on 31 January bills on 28 February
    /// and then on 31 March again.
    /// </summary>
    public static BillingPeriod Number(DateTimeOffset anchor, BillingCycle cycle, int n) =>
        new(Add(anchor, cycle, n), Add(anchor, cycle, n + 1));

    /// <summary>The period, counted from <paramref name="anchor"/>, that contains <paramref name="instant"/> (not before the first).</summary>
    public static BillingPeriod Containing(DateTimeOffset anchor, BillingCycle cycle, DateTimeOffset instant)
    {
        if (instant < anchor)
        {
            return Number(anchor, cycle, 0);
        }

        var months = ((instant.Year - anchor.Year) * 12) + instant.Month - anchor.Month;
        var n = Math.Max(0, cycle == BillingCycle.Annual ? months / 12 : months);
        while (n > 0 && Add(anchor, cycle, n) > instant)
        {
            n--;
        }

        while (Add(anchor, cycle, n + 1) <= instant)
        {
            n++;
        }

        return Number(anchor, cycle, n);
    }

    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;

    public TimeSpan Length => End - Start;

    private static DateTimeOffset Add(DateTimeOffset anchor, BillingCycle cycle, int n) =>
        cycle == BillingCycle.Annual ? anchor.AddYears(n) : anchor.AddMonths(n);
}
