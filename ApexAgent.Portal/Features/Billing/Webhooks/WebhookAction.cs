namespace ApexAgent.Portal.Features.Billing.Webhooks;

/// <summary>What a processor event means here, whichever processor sent it.</summary>
public enum WebhookAction
{
    /// <summary>A type this portal does not act on: acknowledged and recorded as ignored.</summary>
    None = 0,
    PaymentSucceeded,
    PaymentFailed,
    Refunded,
    DisputeOpened,
    DisputeClosed,
    MethodRemoved,
    MethodUpdated,
    MethodExpiring,
}
