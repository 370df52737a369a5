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

    /// <summary>The customer's VAT, GST or ABN id (EU/GB VAT numbers stored normalised, with the country prefix).</summary>
    public string? TaxId { get; set; }

    /// <summary>State, province or territory code (US, CA, AU) — tax depends on it there.</summary>
    public string? Region { get; set; }

    public string? PostalCode { get; set; }

    /// <summary>Buys as a business (reverse charge with a valid VAT id) or as an individual.</summary>
    public ApexAgent.Domain.Tax.TaxCustomerStatus TaxStatus { get; set; }

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
