using ApexAgent.Domain.Billing;

namespace ApexAgent.Portal.Features.Billing.Api;

/// <summary>A confirmed plan change: the quote it followed and the invoice it produced (none when it waits for the period end).</summary>
public sealed record PlanChangeResponse(QuoteResponse Quote, PlanChangeTiming Timing, Guid? InvoiceId, string? InvoiceNumber)
{
    public static PlanChangeResponse From(PlanChangeResult r) => new(QuoteResponse.From(r.Quote), r.Timing, r.InvoiceId, r.InvoiceNumber);
}
