namespace ApexAgent.Domain.Subscriptions;

/// <summary>A half-open billing period [Start, End).</summary>
public readonly record struct BillingPeriod(DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>
    /// The period that starts at <paramref name="start"/>. Months are calendar months anchored on the start
    /// day: a period starting on 31 January ends on the last day of February.
    /// </summary>
    public static BillingPeriod Starting(DateTimeOffset start, BillingCycle cycle) =>
        new(start, cycle == BillingCycle.Annual ? start.AddYears(1) : start.AddMonths(1));

    public BillingPeriod Next(BillingCycle cycle) => Starting(End, cycle);

    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;

    public TimeSpan Length => End - Start;
}
