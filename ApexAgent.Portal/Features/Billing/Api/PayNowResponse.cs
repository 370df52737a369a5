using ApexAgent.Portal.Api;
using ApexAgent.Portal.Features.Billing.Payments;

namespace ApexAgent.Portal.Features.Billing.Api;

/// <summary>
/// What "pay now" did: <c>paid</c>, or <c>requires_authentication</c> — the customer's bank wants them to confirm the
/// payment (3-D Secure) in the portal at <see cref="AuthenticateUrl"/>; the invoice stays open until they do.
/// </summary>
public sealed record PayNowResponse(string Status, Guid PaymentId, Guid InvoiceId, string? InvoiceNumber, ApiMoney Amount, string? AuthenticateUrl)
{
    public static PayNowResponse From(PayNowResult result, Guid invoiceId) => new(
        result.Status == PayNowStatus.Paid ? "paid" : "requires_authentication", result.PaymentId, invoiceId, result.InvoiceNumber, ApiMoney.From(result.Amount),
        result.Status == PayNowStatus.NeedsAuthentication ? result.AuthenticateUrl : null);
}
