namespace ApexAgent.Domain.Subscriptions;

public enum SubscriptionStatus
{
    /// <summary>The first payment has not succeeded yet.</summary>
    Incomplete = 0,
    Active = 1,
    PastDue = 2,
    Canceled = 3,
}
