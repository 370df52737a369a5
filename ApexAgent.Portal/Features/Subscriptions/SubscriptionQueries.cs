using ApexAgent.Domain.Subscriptions;

namespace ApexAgent.Portal.Features.Subscriptions;

public static class SubscriptionQueries
{
    /// <summary>The subscription in force (active or past due); ended and incomplete ones are history or pending.</summary>
    public static IQueryable<Subscription> InForce(this IQueryable<Subscription> subscriptions) =>
        subscriptions.Where(s => s.Status == SubscriptionStatus.Active || s.Status == SubscriptionStatus.PastDue);
}
