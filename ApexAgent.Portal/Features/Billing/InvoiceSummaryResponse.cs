using ApexAgent.Domain.Billing;
using ApexAgent.Portal.Api;

namespace ApexAgent.Portal.Features.Billing;

/// <summary>An invoice or credit note in staff operation answers.</summary>
public sealed record InvoiceSummaryResponse(Guid Id, string Number, InvoiceKind Kind, InvoiceStatus Status, DateTimeOffset IssuedAt, DateTimeOffset? DueAt, ApiMoney Total, ApiMoney AmountDue)
{
    public static InvoiceSummaryResponse From(InvoiceSummary summary) =>
        new(summary.Id, summary.Number, summary.Kind, summary.Status, summary.IssuedAt, summary.DueAt, ApiMoney.From(summary.Total), ApiMoney.From(summary.AmountDue));
}
