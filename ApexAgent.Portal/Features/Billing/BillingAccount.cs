namespace ApexAgent.Portal.Features.Billing;

/// <summary>An organisation's billing details: who invoices are addressed to, its processor customer and default payment method.</summary>
public sealed class BillingAccount
{
    public Guid OrganizationId { get; set; }

    public string BillingName { get; set; } = "";

    public string? BillingEmail { get; set; }

    /// <summary>Postal address, one line per line.</summary>
    public string? Address { get; set; }

    public string? Country { get; set; }

    public string? TaxId { get; set; }

    public string CurrencyCode { get; set; } = "USD";

    /// <summary>The processor that holds the customer and its payment methods (<c>sandbox</c>, <c>stripe</c>, <c>paypal</c>).</summary>
    public string Processor { get; set; } = "sandbox";

    /// <summary>The customer's id at the processor (no card data).</summary>
    public string? ProcessorCustomerId { get; set; }

    public Guid? DefaultPaymentMethodId { get; set; }

    /// <summary>Days before a renewal that the reminder goes out.</summary>
    public int RenewalNoticeDays { get; set; } = 3;

    public DateTimeOffset CreatedAt { get; set; }
}
