namespace ApexAgent.Portal.Features.Credits.Purchases;

public enum CreditPurchaseStatus
{
    /// <summary>The card is being charged (at most one per organisation at a time, enforced by a unique index).</summary>
    Charging = 0,

    /// <summary>Paid; the credits are granted.</summary>
    Paid = 1,

    /// <summary>The payment failed (declined, authentication asked, no method): no credits, the draft invoice discarded.</summary>
    Failed = 2,

    /// <summary>A bulk purchase whose invoice is open (credits granted on issue).</summary>
    Invoiced = 3,

    /// <summary>A bulk purchase whose invoice was voided or written off: the unused credits were clawed back.</summary>
    Voided = 4,
}
