using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Common;

namespace ApexAgent.Portal.Features.Billing;

/// <summary>A finalised invoice or credit note as the archive lists it.</summary>
public sealed record InvoiceSummary(
    Guid Id,
    string Number,
    InvoiceKind Kind,
    InvoiceStatus Status,
    InvoicePurpose Purpose,
    DateTimeOffset IssuedAt,
    DateTimeOffset? DueAt,
    DateTimeOffset? PaidAt,
    DateTimeOffset? PeriodStart,
    DateTimeOffset? PeriodEnd,
    Money Total,
    Money AmountDue,
    string? Memo)
{
    public static InvoiceSummary Of(Invoice invoice) => new(
        invoice.Id, invoice.Number ?? "Draft", invoice.Kind, invoice.Status, invoice.Purpose, invoice.FinalizedAt ?? invoice.CreatedAt,
        invoice.DueAt, invoice.PaidAt, invoice.PeriodStart, invoice.PeriodEnd, invoice.Total, invoice.AmountDue, invoice.Memo ?? invoice.Reason);
}
