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

    /// <summary>
    /// Money going back for <paramref name="documentId"/> (a credit note, or the draft of an abandoned checkout) through
    /// <paramref name="processor"/>, to the method <paramref name="charge"/> was paid with when it is known.
    /// </summary>
    public static Payment Refund(Guid organizationId, Guid documentId, Money amount, string processor, string idempotencyKey, PaymentStatus status, Payment? charge, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        OrganizationId = organizationId,
        InvoiceId = documentId,
        PaymentMethodId = charge?.PaymentMethodId,
        MethodDescription = charge?.MethodDescription,
        Kind = PaymentKind.Refund,
        AmountMinor = amount.Minor,
        CurrencyCode = amount.Currency.Code,
        Status = status,
        Processor = processor,
        IdempotencyKey = idempotencyKey,
        CreatedAt = now,
        CompletedAt = status == PaymentStatus.Pending ? null : now,
    };
}
