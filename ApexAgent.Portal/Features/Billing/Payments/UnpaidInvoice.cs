using ApexAgent.Domain.Common;

namespace ApexAgent.Portal.Features.Billing.Payments;

/// <summary>
/// An open invoice that an automatic attempt failed to collect: what is due, why the last attempt failed, and when the
/// next one is (none after the last retry).
/// </summary>
public sealed record UnpaidInvoice(Guid InvoiceId, string Number, Money AmountDue, string? FailureCode, string? FailureMessage, DateTimeOffset? NextAttemptAt)
{
    /// <summary>The bank wants the customer to confirm the payment themselves (3-D Secure): only "Pay now" can pay it.</summary>
    public bool NeedsConfirmation => FailureCode == OpenInvoiceSettlement.AuthenticationRequiredCode;
}
