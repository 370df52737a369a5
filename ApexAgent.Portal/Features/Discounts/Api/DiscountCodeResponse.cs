using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Discounts;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Api;

namespace ApexAgent.Portal.Features.Discounts.Api;

/// <summary>A code, its status now and its live redemptions.</summary>
public sealed record DiscountCodeResponse(
    string Code,
    DiscountKind Kind,
    decimal? PercentOff,
    ApiMoney? AmountOff,
    long? Credits,
    DiscountDuration Duration,
    int? Periods,
    int? MaxRedemptions,
    int Redemptions,
    DateTimeOffset? StartsAt,
    DateTimeOffset? ExpiresAt,
    IReadOnlyList<TierCode> Tiers,
    IReadOnlyList<BillingCycle> Cycles,
    bool FirstSubscriptionOnly,
    bool Stackable,
    DiscountCodeStatus Status,
    string Offer,
    DateTimeOffset CreatedAt)
{
    public static DiscountCodeResponse From(Features.Discounts.DiscountCodeSummary summary)
    {
        var c = summary.Code;
        return new DiscountCodeResponse(c.Code, c.Kind, c.PercentOff, c.AmountOffMinor is { } minor ? ApiMoney.From(new Money(minor, Currency.FromCode(c.CurrencyCode!))) : null,
            c.Credits, c.Duration, c.Periods, c.MaxRedemptions, summary.Redemptions, c.StartsAt, c.ExpiresAt, c.TierList, c.CycleList, c.FirstSubscriptionOnly, c.Stackable,
            summary.Status, c.Offer(), c.CreatedAt);
    }
}
