using System.Globalization;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Discounts;
using ApexAgent.Portal.Api;

namespace ApexAgent.Portal.Features.Discounts.Api;

/// <summary>
/// The discount code on the subscription now. <c>periodsLeft</c>: renewals still discounted after the current period
/// (repeating codes; 0 when this period is the last; null for forever). <c>endsAt</c>: the end of the last discounted
/// period (null: forever). <c>summary</c> says the same in words.
/// </summary>
public sealed record ActiveDiscountResponse(
    string Code,
    DiscountKind Kind,
    decimal? PercentOff,
    ApiMoney? AmountOff,
    DiscountDuration Duration,
    int? PeriodsLeft,
    DateTimeOffset? EndsAt,
    string Offer,
    string Summary)
{
    public static ActiveDiscountResponse From(ActiveDiscount discount)
    {
        ArgumentNullException.ThrowIfNull(discount);
        return new ActiveDiscountResponse(
            discount.Code,
            discount.Kind,
            discount.PercentOff,
            discount is { AmountOffMinor: { } minor, CurrencyCode: { } currency } ? ApiMoney.From(new Money(minor, Currency.FromCode(currency))) : null,
            discount.Duration,
            discount.PeriodsLeft,
            discount.EndsAt,
            discount.Offer,
            discount.Describe(at => at.UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture)));
    }
}
