using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Discounts;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Api;

namespace ApexAgent.Portal.Features.Discounts.Api;

/// <summary>
/// A new code: <c>{ "code": "SPRING25", "kind": "percent", "percentOff": 25, "duration": "repeating", "periods": 3,
/// "maxRedemptions": 100, "tiers": ["pro"], "stackable": true }</c>; a fixed code gives <c>amountOff</c> as money; a credit
/// code gives <c>credits</c>.
/// </summary>
public sealed record DiscountCodeBody(
    string? Code,
    DiscountKind? Kind,
    decimal? PercentOff,
    ApiMoney? AmountOff,
    long? Credits,
    DiscountDuration? Duration,
    int? Periods,
    int? MaxRedemptions,
    DateTimeOffset? StartsAt,
    DateTimeOffset? ExpiresAt,
    List<TierCode>? Tiers,
    List<BillingCycle>? Cycles,
    bool? FirstSubscriptionOnly,
    bool? Stackable,
    string? Note);
