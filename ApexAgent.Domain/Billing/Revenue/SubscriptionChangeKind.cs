namespace ApexAgent.Domain.Billing.Revenue;

/// <summary>What happened to an organisation's subscription at one point of its timeline.</summary>
public enum SubscriptionChangeKind
{
    Subscribed,
    Upgraded,
    Downgraded,
    SeatsChanged,
    CycleChanged,
    Canceled,
    Resumed,
    Renewed,
    PastDue,
    Recovered,
    FellBackToFree,
    CancellationScheduled,

    /// <summary>A downgrade or seat reduction recorded now, to take effect at the period end.</summary>
    ChangeScheduled,

    /// <summary>A contract set up by ApexAgent staff (custom price, invoiced with payment terms).</summary>
    ContractStarted,
}
