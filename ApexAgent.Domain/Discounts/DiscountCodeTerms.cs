using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Subscriptions;

namespace ApexAgent.Domain.Discounts;

/// <summary>
/// What staff enter to create a code. <see cref="PercentOff"/> for percent codes (0 &lt; p ≤ 100, two decimals at most),
/// <see cref="AmountOffMinor"/> and <see cref="CurrencyCode"/> for fixed codes, <see cref="Credits"/> for credit codes.
/// <see cref="Periods"/> counts for repeating codes. Empty <see cref="Tiers"/>/<see cref="Cycles"/>: every paid tier/cycle.
/// </summary>
public sealed record DiscountCodeTerms(
    string Code,
    DiscountKind Kind,
    decimal? PercentOff,
    long? AmountOffMinor,
    string? CurrencyCode,
    long? Credits,
    DiscountDuration Duration,
    int? Periods,
    int? MaxRedemptions,
    DateTimeOffset? StartsAt,
    DateTimeOffset? ExpiresAt,
    IReadOnlyList<TierCode> Tiers,
    IReadOnlyList<BillingCycle> Cycles,
    bool FirstSubscriptionOnly,
    bool Stackable,
    string? Note = null);
