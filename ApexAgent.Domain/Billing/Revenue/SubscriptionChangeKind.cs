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
}
