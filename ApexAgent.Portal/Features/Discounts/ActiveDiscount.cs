using ApexAgent.Domain.Discounts;
using ApexAgent.Domain.Subscriptions;

namespace ApexAgent.Portal.Features.Discounts;

/// <summary>
/// The discount code on the subscription now: the code, its offer ("25% off"), and how long it goes on.
/// <see cref="PeriodsLeft"/> counts the renewals still discounted after the current period (repeating codes; 0 when the
/// current period is the last); <see cref="EndsAt"/> is the end of the last discounted period (null: forever).
/// </summary>
public sealed record ActiveDiscount(string Code, string Offer, DiscountKind Kind, decimal? PercentOff, long? AmountOffMinor, string? CurrencyCode,
    DiscountDuration Duration, int? PeriodsLeft, DateTimeOffset? EndsAt, BillingCycle Cycle)
{
    /// <summary>"Code SPRING25 · 25% off · 2 more months (until Mar 12, 2027)", "… · forever", "… · until Mar 12, 2027" (the current period is the last).</summary>
    public string Describe(Func<DateTimeOffset, string> date) => $"Code {Code} · {Offer} · {Lasts(date)}";

    public string Lasts(Func<DateTimeOffset, string> date)
    {
        ArgumentNullException.ThrowIfNull(date);
        if (EndsAt is not { } end)
        {
            return "forever";
        }

        var unit = Cycle == BillingCycle.Annual ? "year" : "month";
        return PeriodsLeft switch
        {
            null or 0 => $"until {date(end)}",
            1 => $"1 more {unit} (until {date(end)})",
            var n => $"{n} more {unit}s (until {date(end)})",
        };
    }
}
