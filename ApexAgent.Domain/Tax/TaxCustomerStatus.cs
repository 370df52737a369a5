namespace ApexAgent.Domain.Tax;

/// <summary>Whether the customer buys as a business (may be reverse charged with a valid tax id) or as an individual.</summary>
public enum TaxCustomerStatus
{
    Individual = 0,
    Business = 1,
}
