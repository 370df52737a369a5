namespace ApexAgent.Portal.Features.Billing.Webhooks;

public enum WebhookOutcome
{
    /// <summary>The event changed something here.</summary>
    Applied = 0,

    /// <summary>Acknowledged and deliberately left alone (an unknown type, an older state, something already done).</summary>
    Ignored = 1,

    /// <summary>It refers to a payment not settled here yet; applied when that payment's own event arrives.</summary>
    Waiting = 2,
}
