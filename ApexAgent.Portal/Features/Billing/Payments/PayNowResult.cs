using ApexAgent.Domain.Common;

namespace ApexAgent.Portal.Features.Billing.Payments;

/// <summary>What "Pay now" did: the invoice is paid, or <see cref="PaymentId"/> waits for the customer's bank.</summary>
public sealed record PayNowResult(PayNowStatus Status, Guid PaymentId, Money Amount, string? InvoiceNumber)
{
    /// <summary>Where the customer confirms the payment with their bank.</summary>
    public string AuthenticateUrl => $"/billing/authenticate/{PaymentId}";
}
