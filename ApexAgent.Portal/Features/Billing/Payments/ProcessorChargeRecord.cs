using ApexAgent.Domain.Common;

namespace ApexAgent.Portal.Features.Billing.Payments;

/// <summary>
/// A charge as the processor records it, for the daily reconciliation: its id, the idempotency key we sent (Stripe
/// metadata / PayPal request id), the amount, the outcome, how much of it was refunded, and when it was made.
/// </summary>
public sealed record ProcessorChargeRecord(string ProcessorPaymentId, string? IdempotencyKey, Money Amount, ChargeStatus Status, Money Refunded, DateTimeOffset CreatedAt);
