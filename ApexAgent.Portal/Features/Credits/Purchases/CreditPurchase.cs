namespace ApexAgent.Portal.Features.Credits.Purchases;

/// <summary>
/// One purchase of credits: a pack bought in one click or by auto top-up, or an enterprise bulk purchase. It ties the
/// request (its <see cref="RequestKey"/>, unique per organisation, makes a repeated request answer the first one) to
/// the invoice, the payment's outcome and the grant.
/// </summary>
public sealed class CreditPurchase
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public CreditPurchaseTrigger Trigger { get; set; }

    /// <summary>The pack's code (<c>pack-5000</c>) or <c>bulk</c>.</summary>
    public string PackCode { get; set; } = "";

    /// <summary>Whole credits bought.</summary>
    public long Credits { get; set; }

    public long PriceMinor { get; set; }

    public string CurrencyCode { get; set; } = "USD";

    /// <summary>
    /// Unique per organisation: <c>click:{idempotency key}</c> for a person's purchase, <c>auto:{yyyy-MM}:{n}</c> for the
    /// n-th automatic attempt of a month (organisation time zone), <c>bulk:{invoice}</c>.
    /// </summary>
    public string RequestKey { get; set; } = "";

    public CreditPurchaseStatus Status { get; set; }

    public Guid InvoiceId { get; set; }

    public Guid? GrantId { get; set; }

    public string? FailureCode { get; set; }

    public string? FailureMessage { get; set; }

    /// <summary>The user who bought (or the staff member who sold a bulk purchase); null for auto top-up.</summary>
    public string? RequestedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }
}
