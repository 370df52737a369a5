using ApexAgent.Domain.Common;
using ApexAgent.Domain.Subscriptions;

namespace ApexAgent.Domain.Billing.Revenue;

/// <summary>The monthly recurring revenue of a price paid per billing period: an annual price counts for a twelfth each month.</summary>
public static class MonthlyRecurringRevenue
{
    /// <summary>The exact monthly amount in minor units (not rounded): the price itself when monthly, a twelfth of it when annual.</summary>
    public static decimal OfMinor(Money pricePerPeriod, BillingCycle cycle) => cycle switch
    {
        BillingCycle.Monthly => pricePerPeriod.Minor,
        BillingCycle.Annual => pricePerPeriod.Minor / 12m,
        _ => throw new ArgumentOutOfRangeException(nameof(cycle), cycle, "Unknown billing cycle."),
    };

    /// <summary>The monthly amount rounded once to a minor unit, half away from zero (e.g. $200 a year is $16.67 a month).</summary>
    public static Money Of(Money pricePerPeriod, BillingCycle cycle) =>
        Money.FromMinorDecimal(OfMinor(pricePerPeriod, cycle), pricePerPeriod.Currency);
}
