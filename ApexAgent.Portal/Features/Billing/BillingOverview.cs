using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Features.Billing.Payments;
using ApexAgent.Portal.Features.Discounts;

namespace ApexAgent.Portal.Features.Billing;

/// <summary>The billing page at a glance: the plan in force and what is scheduled, money owed or held, methods and the timeline.</summary>
public sealed record BillingOverview(
    Guid SubscriptionId,
    TierCode Tier,
    string Plan,
    BillingCycle Cycle,
    int Seats,
    SubscriptionStatus Status,
    BillingPeriod Period,
    Money PricePerPeriod,
    Money Mrr,
    bool CancelAtPeriodEnd,
    string? ScheduledChange,
    CollectionMethod CollectionMethod,
    bool IsContract,
    Money AccountBalance,
    Money AmountDue,
    Money? NextRenewalAmount,
    DateTimeOffset? NextRenewalAt,
    PaymentMethodView? DefaultPaymentMethod,
    IReadOnlyList<SubscriptionEvent> Timeline)
{
    /// <summary>The discount code on the subscription now, if any (<see cref="ActiveDiscounts"/>).</summary>
    public ActiveDiscount? Discount { get; init; }
}
