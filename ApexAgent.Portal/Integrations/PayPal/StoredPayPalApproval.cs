namespace ApexAgent.Portal.Integrations.PayPal;

/// <summary>
/// Something a buyer was sent to approve at PayPal and has not come back from yet: a vault setup token (connecting a
/// PayPal account) or an Orders v2 order (paying for a credit pack). Stored, not kept in memory, so a restart between
/// the approval and the return still completes it; it belongs to one organisation, expires, and is completed once
/// (see ADR 0026).
/// </summary>
public sealed class StoredPayPalApproval
{
    public const string VaultKind = "vault";
    public const string OrderKind = "order";

    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    /// <summary><see cref="VaultKind"/> or <see cref="OrderKind"/>.</summary>
    public string Kind { get; set; } = VaultKind;

    /// <summary>PayPal's id: the setup token, or the order (null until PayPal has answered the order's creation).</summary>
    public string? PayPalId { get; set; }

    /// <summary>What an order pays for: the credit pack and the purchase it settles (orders only).</summary>
    public string? PackCode { get; set; }

    public Guid? PurchaseId { get; set; }

    public long AmountMinor { get; set; }

    public string CurrencyCode { get; set; } = "USD";

    public string? RequestedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When it was completed (saved, captured, declined, cancelled or expired); a completed approval is never acted on again.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary><c>saved</c>, <c>captured</c>, <c>declined</c>, <c>cancelled</c>, <c>expired</c> or <c>failed</c>.</summary>
    public string? Outcome { get; set; }

    /// <summary>The payment method a completed vault approval saved.</summary>
    public Guid? PaymentMethodId { get; set; }
}
