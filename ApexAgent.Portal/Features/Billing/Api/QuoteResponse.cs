using ApexAgent.Domain.Billing;
using ApexAgent.Portal.Api;

namespace ApexAgent.Portal.Features.Billing.Api;

/// <summary>
/// What a plan change would do: its proration lines (summing to <see cref="Subtotal"/>), the discount and tax lines that
/// follow them (<see cref="Adjustments"/>; with the subtotal they sum to <see cref="Total"/>), the account balance it uses,
/// what is charged now or credited to the balance, when it takes effect, the next renewal and the credits it grants
/// (positive) or removes (negative).
/// </summary>
public sealed record QuoteResponse(
    PlanChangeKind Kind,
    string Current,
    string Target,
    IReadOnlyList<QuoteLineResponse> Lines,
    ApiMoney Subtotal,
    ApiMoney BalanceApplied,
    ApiMoney ChargedNow,
    ApiMoney CreditedToBalance,
    PlanChangeTiming Timing,
    DateTimeOffset EffectiveAt,
    RenewalResponse NextRenewal,
    decimal CreditsChange,
    string Summary,
    IReadOnlyList<AdjustmentLineResponse> Adjustments,
    ApiMoney Total)
{
    public static QuoteResponse From(PlanChangeQuote q) => new(
        q.Kind, q.Current, q.Target,
        q.Lines.Count == 0
            ? q.Proration.Lines.Select(l => new QuoteLineResponse(l.Kind, l.Description, ApiMoney.From(l.Amount), l.From, l.To)).ToList()
            : q.Lines.Where(l => l.Kind is InvoiceLineKind.UnusedTime or InvoiceLineKind.RemainingTime or InvoiceLineKind.Plan or InvoiceLineKind.Seats)
                .Select(l => new QuoteLineResponse(l.Kind switch
                {
                    InvoiceLineKind.UnusedTime => ProrationLineKind.UnusedTime,
                    InvoiceLineKind.RemainingTime => ProrationLineKind.RemainingTime,
                    _ => ProrationLineKind.NewPeriod,
                }, l.Description, ApiMoney.From(l.Amount(q.Subtotal.Currency)), l.PeriodStart ?? q.Proration.EffectiveAt, l.PeriodEnd ?? q.Proration.Period.End)).ToList(),
        ApiMoney.From(q.Subtotal), ApiMoney.From(q.BalanceApplied), ApiMoney.From(q.ChargedNow), ApiMoney.From(q.CreditedToBalance),
        q.Proration.Timing, q.Proration.EffectiveAt, new RenewalResponse(q.NextRenewalAt, ApiMoney.From(q.NextRenewalAmount)),
        q.Proration.CreditsChange.Credits, q.Summary,
        q.Lines.Where(l => InvoiceLineKind.IsDiscount(l.Kind) || InvoiceLineKind.IsTax(l.Kind))
            .Select(l => new AdjustmentLineResponse(l.Kind, l.Description, ApiMoney.From(l.Amount(q.Subtotal.Currency)))).ToList(),
        ApiMoney.From(q.Total));
}
