using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Api;
using ApexAgent.Portal.Features.Billing.Payments;
using ApexAgent.Portal.Features.Discounts.Api;

namespace ApexAgent.Portal.Features.Billing.Api;

/// <summary>The organisation's subscription at a glance: plan, state, period, money owed or held, and recent history.</summary>
public sealed record SubscriptionResponse(
    Guid Id,
    TierCode Tier,
    string Plan,
    BillingCycle Cycle,
    int Seats,
    SubscriptionStatus Status,
    DateTimeOffset PeriodStart,
    DateTimeOffset PeriodEnd,
    bool CancelAtPeriodEnd,
    string? ScheduledChange,
    bool IsContract,
    ApiMoney PricePerPeriod,
    ApiMoney Mrr,
    ApiMoney AccountBalance,
    ApiMoney AmountDue,
    RenewalResponse? NextRenewal,
    PaymentMethodView? DefaultPaymentMethod,
    IReadOnlyList<TimelineEntryResponse> Timeline,
    ActiveDiscountResponse? Discount)
{
    public static SubscriptionResponse From(BillingOverview o) => new(
        o.SubscriptionId, o.Tier, o.Plan, o.Cycle, o.Seats, o.Status, o.Period.Start, o.Period.End, o.CancelAtPeriodEnd, o.ScheduledChange, o.IsContract,
        ApiMoney.From(o.PricePerPeriod), ApiMoney.From(o.Mrr), ApiMoney.From(o.AccountBalance), ApiMoney.From(o.AmountDue),
        o is { NextRenewalAt: { } at, NextRenewalAmount: { } amount } ? new RenewalResponse(at, ApiMoney.From(amount)) : null,
        o.DefaultPaymentMethod, o.Timeline.Select(TimelineEntryResponse.Of).ToList(), o.Discount is { } d ? ActiveDiscountResponse.From(d) : null);
}
