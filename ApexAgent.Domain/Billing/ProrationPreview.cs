using ApexAgent.Domain.Common;
using ApexAgent.Domain.Subscriptions;

namespace ApexAgent.Domain.Billing;

/// <summary>
/// Everything a plan change would do, shown before the customer confirms: the lines, the amount due now (negative:
/// credited to the account balance, never refunded), when it takes effect, the period that follows, and the base
/// credits it grants (positive) or claws back (negative).
/// </summary>
public sealed record ProrationPreview(
    IReadOnlyList<ProrationLine> Lines,
    Money AmountDue,
    Millicredits CreditsChange,
    PlanChangeTiming Timing,
    DateTimeOffset EffectiveAt,
    BillingPeriod Period);
