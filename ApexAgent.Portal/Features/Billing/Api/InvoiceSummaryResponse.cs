using ApexAgent.Domain.Billing;
using ApexAgent.Portal.Api;

namespace ApexAgent.Portal.Features.Billing.Api;

/// <summary>A finalised invoice or credit note as the archive lists it.</summary>
public sealed record InvoiceSummaryResponse(
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
    ApiMoney Total,
    ApiMoney AmountDue,
    string? Memo)
{
    public static InvoiceSummaryResponse From(InvoiceSummary s) => new(
        s.Id, s.Number, s.Kind, s.Status, s.Purpose, s.IssuedAt, s.DueAt, s.PaidAt, s.PeriodStart, s.PeriodEnd,
        ApiMoney.From(s.Total), ApiMoney.From(s.AmountDue), s.Memo);
}
