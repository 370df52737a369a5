using ApexAgent.Domain.Tax;

namespace ApexAgent.Portal.Features.Tax.Api;

/// <summary>The billing details and tax profile; customerType is business or individual.</summary>
public sealed record BillingDetailsResponse(string BillingName, string? BillingEmail, string? Address, string? Country, string? Region, string? PostalCode, string CustomerType, string? TaxId)
{
    public static BillingDetailsResponse From(BillingDetails d) => new(d.BillingName, d.BillingEmail, d.Address, d.Country, d.Region, d.PostalCode,
        d.CustomerType == TaxCustomerStatus.Business ? "business" : "individual", d.TaxId);
}
