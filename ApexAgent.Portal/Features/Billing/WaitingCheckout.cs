using ApexAgent.Domain.Common;

namespace ApexAgent.Portal.Features.Billing;

/// <summary>A payment waiting for the customer to authenticate it with their bank: a first subscription's, or one made with "Pay now" on an open invoice.</summary>
/// <param name="Processor">Where the payment waits (<c>sandbox</c>, <c>stripe</c>): the page runs that processor's authentication.</param>
/// <param name="ProcessorPaymentId">The processor's id of the waiting payment (a Stripe PaymentIntent), when it answered one.</param>
public sealed record WaitingCheckout(Guid PaymentId, Money Amount, string? Method, string? Description, string IdempotencyKey, string Processor = "sandbox", string? ProcessorPaymentId = null)
{
    public Guid InvoiceId { get; init; }

    /// <summary>The open invoice being paid; null for a first subscription (its draft is numbered once paid).</summary>
    public string? InvoiceNumber { get; init; }
}
