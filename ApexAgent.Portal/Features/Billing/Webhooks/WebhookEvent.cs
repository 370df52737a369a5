namespace ApexAgent.Portal.Features.Billing.Webhooks;

/// <summary>
/// A processor's webhook event read into what this portal needs, the same for Stripe and PayPal. Amounts are in minor
/// units of <see cref="CurrencyCode"/>.
/// </summary>
public sealed record WebhookEvent(string Processor, string Id, string Type, WebhookAction Action, DateTimeOffset? CreatedAt)
{
    /// <summary>The event's object id (a payment intent, a charge, a capture, a refund, a dispute, a method).</summary>
    public string? ObjectId { get; init; }

    /// <summary>The processor's id of the payment concerned, as stored in <see cref="Payment.ProcessorPaymentId"/> (<c>pi_…</c>, a PayPal capture id).</summary>
    public string? PaymentId { get; init; }

    /// <summary>Another id of the same payment (a Stripe charge <c>ch_…</c>).</summary>
    public string? AlternatePaymentId { get; init; }

    /// <summary>Our idempotency key, carried in Stripe metadata or PayPal custom_id.</summary>
    public string? IdempotencyKey { get; init; }

    public string? FailureCode { get; init; }

    public string? FailureMessage { get; init; }

    /// <summary>A decline that retrying will not fix (a lost or stolen card, a do-not-honour).</summary>
    public bool HardDecline { get; init; }

    public long? AmountMinor { get; init; }

    public string? CurrencyCode { get; init; }

    /// <summary>Stripe: everything refunded on the charge so far (charge.amount_refunded).</summary>
    public long? TotalRefundedMinor { get; init; }

    /// <summary>The processor's refund id (the newest one on a Stripe charge).</summary>
    public string? RefundId { get; init; }

    /// <summary>Our own idempotency key on a refund we made (credit_note:…:refund), if the processor echoes it.</summary>
    public string? RefundKey { get; init; }

    public string? DisputeId { get; init; }

    public string? DisputeReason { get; init; }

    /// <summary>For an opened dispute: by when evidence must reach the processor (Stripe evidence_details.due_by, PayPal seller_response_due_date).</summary>
    public DateTimeOffset? DisputeRespondBy { get; init; }

    /// <summary>For a closed dispute: won or lost.</summary>
    public DisputeStatus? DisputeResult { get; init; }

    public string? MethodToken { get; init; }

    public string? Brand { get; init; }

    public string? Last4 { get; init; }

    public int? ExpMonth { get; init; }

    public int? ExpYear { get; init; }

    /// <summary>The id the processed-events table keys the event's object by (what a waiting event waits for).</summary>
    public string? Subject => PaymentId ?? AlternatePaymentId ?? ObjectId;
}
