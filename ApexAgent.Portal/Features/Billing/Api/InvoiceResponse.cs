using ApexAgent.Domain.Billing;
using ApexAgent.Portal.Api;

namespace ApexAgent.Portal.Features.Billing.Api;

/// <summary>One invoice or credit note in full: buyer, lines, totals, the payments made for it and the credit notes against it.</summary>
public sealed record InvoiceResponse(
    Guid Id,
    string Number,
    InvoiceKind Kind,
    InvoiceStatus Status,
    InvoicePurpose Purpose,
    DateTimeOffset IssuedAt,
    DateTimeOffset? DueAt,
    DateTimeOffset? PaidAt,
    DateTimeOffset? VoidedAt,
    DateTimeOffset? PeriodStart,
    DateTimeOffset? PeriodEnd,
    string BuyerName,
    string? BuyerEmail,
    string? BuyerAddress,
    string? BuyerTaxId,
    IReadOnlyList<InvoiceLineResponse> Lines,
    ApiMoney Subtotal,
    ApiMoney BalanceApplied,
    ApiMoney Total,
    ApiMoney AmountPaid,
    ApiMoney AmountDue,
    string? Memo,
    string? CorrectsNumber,
    IReadOnlyList<PaymentResponse> Payments,
    IReadOnlyList<InvoiceSummaryResponse> CreditNotes)
{
    public static InvoiceResponse From(InvoiceDetail detail)
    {
        var i = detail.Invoice;
        var currency = i.Currency;
        return new InvoiceResponse(
            i.Id, i.Number ?? "", i.Kind, i.Status, i.Purpose, i.FinalizedAt ?? i.CreatedAt, i.DueAt, i.PaidAt, i.VoidedAt, i.PeriodStart, i.PeriodEnd,
            i.BuyerName, i.BuyerEmail, i.BuyerAddress, i.BuyerTaxId,
            i.Lines.OrderBy(l => l.Position).Select(l => InvoiceLineResponse.Of(l, currency)).ToList(),
            ApiMoney.From(i.Subtotal), ApiMoney.From(i.BalanceApplied), ApiMoney.From(i.Total),
            ApiMoney.From(new Domain.Common.Money(i.AmountPaidMinor, currency)), ApiMoney.From(i.AmountDue),
            i.Memo ?? i.Reason, detail.CorrectsNumber,
            detail.Payments.Select(p => PaymentResponse.From(p, i.Number)).ToList(),
            detail.CreditNotes.Select(InvoiceSummaryResponse.From).ToList());
    }
}
