namespace ApexAgent.Portal.Features.Billing.Payments;

public enum PayNowStatus
{
    /// <summary>The invoice is paid.</summary>
    Paid,

    /// <summary>The bank asks the customer to confirm the payment (3-D Secure) on <c>/billing/authenticate/{payment}</c>.</summary>
    NeedsAuthentication,
}
