using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Common;

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

    /// <summary>Charged to the saved payment method, or invoiced with payment terms (enterprise contracts).</summary>
    public CollectionMethod CollectionMethod { get; private set; }

    /// <summary>Days an invoice sent for payment has before it is due (net 30 for contracts).</summary>
    public int PaymentTermsDays { get; private set; }

    /// <summary>A negotiated price per period that replaces the catalog price (enterprise contracts).</summary>
    public long? ContractPriceMinor { get; private set; }

    /// <summary>The subscription ends when the current period does (the customer can resume until then).</summary>
    public bool CancelAtPeriodEnd { get; private set; }

    public DateTimeOffset? CancellationRequestedAt { get; private set; }

    /// <summary>A downgrade waiting for the period end: the tier, version, cycle and seats it moves to.</summary>
    public TierCode? ScheduledTier { get; private set; }

    public int? ScheduledTierVersion { get; private set; }

    public BillingCycle? ScheduledCycle { get; private set; }

    public int? ScheduledSeats { get; private set; }

    public DateTimeOffset? PastDueSince { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>Why it ended: <c>canceled</c>, <c>nonpayment</c>, <c>replaced</c> (moved to another plan).</summary>
    public string? EndReason { get; private set; }

    public BillingPeriod CurrentPeriod => new(CurrentPeriodStart, CurrentPeriodEnd);

    public bool HasScheduledChange => ScheduledTier is not null;

    /// <summary>The subscription in force for its organisation (at most one is, enforced by a unique index).</summary>
    public bool InForce => Status is SubscriptionStatus.Active or SubscriptionStatus.PastDue;

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

    /// <summary>A paid subscription whose first period starts now; <paramref name="contractPrice"/> replaces the catalog price.</summary>
    public static Subscription StartPaid(Guid organizationId, Tier tier, BillingCycle cycle, int seats, SubscriptionStatus status, DateTimeOffset now, CollectionMethod collection = CollectionMethod.ChargeAutomatically, int paymentTermsDays = 0, Money? contractPrice = null, Guid? id = null)
    {
        var subscription = Start(organizationId, tier, cycle, seats, status, now);
        subscription.Id = id ?? subscription.Id;
        subscription.CollectionMethod = collection;
        subscription.PaymentTermsDays = paymentTermsDays;
        subscription.ContractPriceMinor = contractPrice?.Minor;
        return subscription;
    }

    /// <summary>Moves to another tier, cycle or seat count at once. A new cycle starts a new period at <paramref name="now"/>.</summary>
    public void ChangePlan(Tier tier, BillingCycle cycle, int seats, DateTimeOffset now)
    {
        if (!tier.Offers(cycle))
        {
            throw new ArgumentException($"{tier.Terms.Name} is not offered {cycle}.", nameof(cycle));
        }

        if (cycle != Cycle)
        {
            var period = BillingPeriod.Starting(now, cycle);
            BillingAnchor = now;
            CurrentPeriodStart = period.Start;
            CurrentPeriodEnd = period.End;
        }

        Tier = tier.Code;
        TierVersion = tier.Version;
        Cycle = cycle;
        Seats = tier.BillableSeats(seats);
        ContractPriceMinor = null;
        ClearScheduledChange();
    }

    /// <summary>Records a downgrade to apply when the current period ends.</summary>
    public void SchedulePlanChange(Tier tier, BillingCycle cycle, int seats)
    {
        ScheduledTier = tier.Code;
        ScheduledTierVersion = tier.Version;
        ScheduledCycle = cycle;
        ScheduledSeats = tier.BillableSeats(seats);
    }

    public void ClearScheduledChange()
    {
        ScheduledTier = null;
        ScheduledTierVersion = null;
        ScheduledCycle = null;
        ScheduledSeats = null;
    }

    public void ScheduleCancellation(DateTimeOffset now)
    {
        CancelAtPeriodEnd = true;
        CancellationRequestedAt = now;
    }

    public void Resume()
    {
        CancelAtPeriodEnd = false;
        CancellationRequestedAt = null;
    }

    /// <summary>Starts the next period, counted from the billing anchor.</summary>
    public void AdvancePeriod()
    {
        var next = BillingPeriod.Containing(BillingAnchor, Cycle, CurrentPeriodEnd);
        CurrentPeriodStart = next.Start;
        CurrentPeriodEnd = next.End;
    }

    public void Activate() => Status = SubscriptionStatus.Active;

    public void MarkPastDue(DateTimeOffset now)
    {
        Status = SubscriptionStatus.PastDue;
        PastDueSince ??= now;
    }

    /// <summary>A past-due subscription whose invoice was paid after all.</summary>
    public void Recover()
    {
        Status = SubscriptionStatus.Active;
        PastDueSince = null;
    }

    public void End(DateTimeOffset now, string reason)
    {
        Status = SubscriptionStatus.Canceled;
        EndedAt = now;
        EndReason = reason;
        CancelAtPeriodEnd = false;
        ClearScheduledChange();
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
