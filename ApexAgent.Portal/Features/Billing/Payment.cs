using ApexAgent.Domain.Common;

namespace ApexAgent.Portal.Features.Billing;

/// <summary>
/// One attempt to move money for an invoice: a charge (positive) or a refund (negative). Recorded as pending before the
/// processor is called, with an idempotency key unique in the database, so a retried or repeated attempt can never
/// charge twice.
/// </summary>
public sealed class Payment
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid InvoiceId { get; set; }

    public Guid? PaymentMethodId { get; set; }

    public PaymentKind Kind { get; set; }

    public long AmountMinor { get; set; }

    public string CurrencyCode { get; set; } = "USD";

    public PaymentStatus Status { get; set; }

    public string Processor { get; set; } = "sandbox";

    /// <summary>Derived from what is paid, e.g. <c>invoice:{id}:attempt:2</c>; the processor deduplicates on it.</summary>
    public string IdempotencyKey { get; set; } = "";

    public string? ProcessorPaymentId { get; set; }

    public string? FailureCode { get; set; }

    public string? FailureMessage { get; set; }

    /// <summary>A short description of the method used, e.g. <c>Visa •••• 4242</c>.</summary>
    public string? MethodDescription { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public Money Amount => new(AmountMinor, Currency.FromCode(CurrencyCode));
}
