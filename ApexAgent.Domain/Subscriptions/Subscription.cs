using ApexAgent.Domain.Catalog;

namespace ApexAgent.Domain.Subscriptions;

/// <summary>An organisation's subscription to one version of a tier.</summary>
public sealed class Subscription
{
    private Subscription()
    {
    }

    public Guid Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    public TierCode Tier { get; private set; }

    public int TierVersion { get; private set; }

    public BillingCycle Cycle { get; private set; }

    public int Seats { get; private set; }

    public SubscriptionStatus Status { get; private set; }

    /// <summary>The instant every billing period is counted from (the day of the month or year it renews on).</summary>
    public DateTimeOffset BillingAnchor { get; private set; }

    public DateTimeOffset CurrentPeriodStart { get; private set; }

    public DateTimeOffset CurrentPeriodEnd { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public BillingPeriod CurrentPeriod => new(CurrentPeriodStart, CurrentPeriodEnd);

    /// <summary>Every new organisation starts here: the free tier, one seat, a monthly period starting now.</summary>
    public static Subscription StartFree(Guid organizationId, Tier free, DateTimeOffset now)
    {
        if (!free.IsFree)
        {
            throw new ArgumentException($"{free.Terms.Name} is not a free tier.", nameof(free));
        }

        return Start(organizationId, free, BillingCycle.Monthly, 1, SubscriptionStatus.Active, now);
    }

    /// <summary>A subscription whose state is already settled (used by seeding and, later, by billing).</summary>
    public static Subscription Start(Guid organizationId, Tier tier, BillingCycle cycle, int seats, SubscriptionStatus status, DateTimeOffset now)
    {
        if (!tier.Offers(cycle))
        {
            throw new ArgumentException($"{tier.Terms.Name} is not offered {cycle}.", nameof(cycle));
        }

        var period = BillingPeriod.Starting(now, cycle);
        return new Subscription
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = organizationId,
            Tier = tier.Code,
            TierVersion = tier.Version,
            Cycle = cycle,
            Seats = tier.BillableSeats(seats),
            Status = status,
            BillingAnchor = now,
            CurrentPeriodStart = period.Start,
            CurrentPeriodEnd = period.End,
            CreatedAt = now,
        };
    }

    /// <summary>Moves a lapsed period forward so that it contains <paramref name="now"/> (a free plan renews itself).</summary>
    public bool RollPeriodForward(DateTimeOffset now)
    {
        if (now < CurrentPeriodEnd)
        {
            return false;
        }

        var period = BillingPeriod.Containing(BillingAnchor, Cycle, now);
        CurrentPeriodStart = period.Start;
        CurrentPeriodEnd = period.End;
        return true;
    }
}
