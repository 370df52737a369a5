using ApexAgent.Portal.Features.Billing.Payments;

namespace ApexAgent.Portal.Integrations.PayPal;

/// <summary>
/// The portal's record of one PayPal order, by the idempotency key it was created with (its <c>PayPal-Request-Id</c>).
/// It is written before PayPal is asked, so a charge whose answer was lost can be looked up (<see cref="OrderId"/>) or
/// replayed with the same request id, and it lists our PayPal charges for the daily reconciliation.
/// </summary>
public sealed class PayPalCharge
{
    public string IdempotencyKey { get; set; } = "";

    /// <summary>
    /// <c>vault</c> (an off-session charge of a saved PayPal account), <c>checkout</c> (the buyer approved one order) or
    /// <c>refund</c> (a refund of <see cref="CaptureId"/>, keyed by the refund's idempotency key; its PayPal id in <see cref="OrderId"/>).
    /// </summary>
    public string Kind { get; set; } = "vault";

    public string? OrderId { get; set; }

    public string? CaptureId { get; set; }

    /// <summary>The vault payment token charged (vault charges only).</summary>
    public string? VaultId { get; set; }

    public long AmountMinor { get; set; }

    public string CurrencyCode { get; set; } = "USD";

    public string Description { get; set; } = "";

    public ChargeStatus Status { get; set; } = ChargeStatus.Unknown;

    public string? FailureCode { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
