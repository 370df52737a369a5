using ApexAgent.Domain.Billing;

namespace ApexAgent.Portal.Features.Billing;

/// <summary>
/// A confirmed change: the quote it followed, and the invoice it produced (none when it waits for the period end). When
/// the bank asks the customer to authenticate the first payment, <see cref="AuthenticationPaymentId"/> names the payment
/// waiting for them and the new subscription is incomplete.
/// </summary>
public sealed record PlanChangeResult(PlanChangeQuote Quote, Guid? InvoiceId, string? InvoiceNumber, PlanChangeTiming Timing)
{
    public Guid? AuthenticationPaymentId { get; init; }
}
