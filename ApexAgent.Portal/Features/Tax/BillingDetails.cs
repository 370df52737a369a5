using ApexAgent.Domain.Tax;

namespace ApexAgent.Portal.Features.Tax;

/// <summary>Who invoices are addressed to and where the customer is for tax: the billing details form and the API body.</summary>
public sealed class BillingDetails
{
    public string BillingName { get; set; } = "";

    public string? BillingEmail { get; set; }

    public string? Address { get; set; }

    /// <summary>ISO 3166 alpha-2, e.g. DE, US.</summary>
    public string? Country { get; set; }

    /// <summary>State, province or territory code: required for US, CA and AU.</summary>
    public string? Region { get; set; }

    public string? PostalCode { get; set; }

    public TaxCustomerStatus CustomerType { get; set; }

    /// <summary>VAT number (EU, GB), GST/HST number (CA), ABN (AU) or other tax id.</summary>
    public string? TaxId { get; set; }

    public BillingDetails Copy() => (BillingDetails)MemberwiseClone();
}
