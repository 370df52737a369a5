using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Common;

namespace ApexAgent.Portal.Features.Billing;

/// <summary>
/// Everything a plan change would do, shown before it is confirmed: the proration lines, the account balance it would
/// use, what is charged now or credited to the balance, when it takes effect, and the credits it grants or claws back.
/// </summary>
public sealed record PlanChangeQuote(
    string Current,
    string Target,
    PlanChangeKind Kind,
    ProrationPreview Proration,
    Money BalanceApplied,
    Money ChargedNow,
    Money CreditedToBalance,
    Money NextRenewalAmount,
    DateTimeOffset NextRenewalAt,
    string Summary)
{
    public Money Subtotal => Proration.AmountDue;
}
