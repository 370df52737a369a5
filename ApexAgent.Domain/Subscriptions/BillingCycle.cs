namespace ApexAgent.Domain.Subscriptions;

public enum BillingCycle
{
    Monthly = 0,
    Annual = 1,
}
