using ApexAgent.Domain.Billing;

namespace ApexAgent.Portal.Features.Billing.Api;

/// <summary>
/// A confirmed plan change: the quote it followed and the invoice it produced (none when it waits for the period end).
/// When the bank asks the customer to authenticate the first payment, <see cref="AuthenticationUrl"/> is the portal page
/// where they do it; the subscription is incomplete until then.
/// </summary>
public sealed record PlanChangeResponse(QuoteResponse Quote, PlanChangeTiming Timing, Guid? InvoiceId, string? InvoiceNumber, string? AuthenticationUrl)
{
    public static PlanChangeResponse From(PlanChangeResult r) =>
        new(QuoteResponse.From(r.Quote), r.Timing, r.InvoiceId, r.InvoiceNumber, r.AuthenticationPaymentId is { } id ? $"/billing/authenticate/{id}" : null);
}
