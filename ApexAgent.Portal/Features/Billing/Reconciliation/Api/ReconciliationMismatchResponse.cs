using ApexAgent.Domain.Common;
using ApexAgent.Portal.Api;

namespace ApexAgent.Portal.Features.Billing.Reconciliation.Api;

/// <summary>A disagreement between our payments and a processor's records (<c>status</c>: open or resolved).</summary>
public sealed record ReconciliationMismatchResponse(
    Guid Id, string Day, string Processor, string Kind, string Status, Guid? OrganizationId, Guid? PaymentId, string? ProcessorPaymentId,
    ApiMoney? Ours, ApiMoney? Theirs, string Detail, DateTimeOffset FoundAt, DateTimeOffset? ResolvedAt, string? ResolvedBy, string? ResolutionNote)
{
    public static ReconciliationMismatchResponse From(ReconciliationMismatch m)
    {
        var currency = Currency.FromCode(m.CurrencyCode);
        return new(m.Id, PaymentReconciliation.DayText(m.Day), m.Processor, ApiMoney.Snake(m.Kind.ToString()), m.ResolvedAt is null ? "open" : "resolved",
            m.OrganizationId, m.PaymentId, m.ProcessorPaymentId,
            m.OurAmountMinor is { } ours ? ApiMoney.From(new Money(ours, currency)) : null,
            m.TheirAmountMinor is { } theirs ? ApiMoney.From(new Money(theirs, currency)) : null,
            m.Detail, m.FoundAt, m.ResolvedAt, m.ResolvedBy, m.ResolutionNote);
    }
}
