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
    /// <summary>The priced lines before discounts and tax: the draft's (unused time at the share that was paid), else the proration's.</summary>
    public Money Subtotal => Lines.Count == 0
        ? Proration.AmountDue
        : new Money(Lines.Where(l => !InvoiceLineKind.IsDiscount(l.Kind) && !InvoiceLineKind.IsTax(l.Kind) && l.Kind != InvoiceLineKind.AccountBalance).Sum(l => l.AmountMinor), Proration.AmountDue.Currency);

    /// <summary>The draft's lines for a change applied now — proration, discounts, tax — exactly as the invoice will have them.</summary>
    public IReadOnlyList<InvoiceLine> Lines { get; init; } = [];

    /// <summary>What the change costs after discounts and tax, before the account balance.</summary>
    public Money Total => Lines.Count == 0 ? Subtotal : new Money(Lines.Where(l => l.Kind != InvoiceLineKind.AccountBalance).Sum(l => l.AmountMinor), Subtotal.Currency);
}
