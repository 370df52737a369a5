namespace ApexAgent.Portal.Features.Billing.Reconciliation;

/// <summary>A disagreement between our payments and a processor's records, kept until staff resolve it (audited).</summary>
public sealed class ReconciliationMismatch
{
    public Guid Id { get; set; }

    public Guid RunId { get; set; }

    public DateOnly Day { get; set; }

    public string Processor { get; set; } = "";

    public ReconciliationMismatchKind Kind { get; set; }

    public Guid? OrganizationId { get; set; }

    public Guid? PaymentId { get; set; }

    public string? IdempotencyKey { get; set; }

    public string? ProcessorPaymentId { get; set; }

    public long? OurAmountMinor { get; set; }

    public long? TheirAmountMinor { get; set; }

    public string CurrencyCode { get; set; } = "USD";

    public string Detail { get; set; } = "";

    public DateTimeOffset FoundAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>The staff member's email, or <c>reconciliation</c> when a later run no longer found it.</summary>
    public string? ResolvedBy { get; set; }

    public string? ResolutionNote { get; set; }

    /// <summary>Identifies the same disagreement across runs of a day.</summary>
    public string Fingerprint => $"{Processor}|{Kind}|{PaymentId}|{ProcessorPaymentId}";
}
