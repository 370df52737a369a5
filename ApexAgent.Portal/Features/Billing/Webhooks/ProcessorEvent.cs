namespace ApexAgent.Portal.Features.Billing.Webhooks;

/// <summary>
/// One webhook delivery of a payment processor, recorded in the same transaction as its effects so that a repeated
/// delivery (sequential or concurrent) changes nothing. Unique by processor and event id.
/// </summary>
public sealed class ProcessorEvent
{
    public Guid Id { get; set; }

    /// <summary><c>stripe</c> or <c>paypal</c>.</summary>
    public string Processor { get; set; } = "";

    /// <summary>The processor's event id (<c>evt_…</c>, <c>WH-…</c>).</summary>
    public string EventId { get; set; } = "";

    public string Type { get; set; } = "";

    /// <summary>What the event is about: a payment (intent or capture), a refund, a dispute or a payment method.</summary>
    public string? ObjectId { get; set; }

    /// <summary>When the processor says the event happened.</summary>
    public DateTimeOffset? EventCreatedAt { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>When its effect was applied (or it was ignored); null while it waits (see <see cref="WebhookOutcome.Waiting"/>).</summary>
    public DateTimeOffset? ProcessedAt { get; set; }

    public WebhookOutcome Outcome { get; set; }

    /// <summary>What was done, or why nothing was done, in a few words for support.</summary>
    public string? Detail { get; set; }

    /// <summary>The organisation it concerned, when known.</summary>
    public Guid? OrganizationId { get; set; }

    /// <summary>The body as received, kept only while the event waits for the payment it refers to.</summary>
    public string? Payload { get; set; }
}
