using ApexAgent.Domain.Common;

namespace ApexAgent.Portal.Features.Billing.Webhooks;

/// <summary>
/// A customer disputed a payment with their bank (a chargeback). Opened by the processor's dispute event and closed by
/// its resolution; a lost dispute writes the amount off with a credit note (ADR 0019).
/// </summary>
public sealed class PaymentDispute
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid InvoiceId { get; set; }

    public Guid PaymentId { get; set; }

    public string Processor { get; set; } = "";

    public string ProcessorDisputeId { get; set; } = "";

    public long AmountMinor { get; set; }

    public string CurrencyCode { get; set; } = "USD";

    public string Reason { get; set; } = "";

    public DisputeStatus Status { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>The credit note that wrote a lost dispute's amount off.</summary>
    public Guid? CreditNoteId { get; set; }

    public Money Amount => new(AmountMinor, Currency.FromCode(CurrencyCode));
}
