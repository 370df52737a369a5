namespace ApexAgent.Portal.Features.Billing.Payments;

public enum ChargeStatus
{
    Succeeded = 0,

    /// <summary>A hard decline: this method will not work; ask for another.</summary>
    Declined = 1,

    /// <summary>A soft failure (insufficient funds, a processing error): retrying later may succeed.</summary>
    Failed = 2,

    /// <summary>The customer must authenticate (3-D Secure) before the charge completes.</summary>
    RequiresAction = 3,

    /// <summary>Accepted; the outcome arrives later (webhook).</summary>
    Pending = 4,

    /// <summary>No answer (timeout, outage): reconcile with <see cref="IPaymentProcessor.FindChargeAsync"/>, never charge again blindly.</summary>
    Unknown = 5,
}
