namespace ApexAgent.Domain.Tax;

/// <summary>
/// What tax depends on: where the customer is (ISO 3166 country, and the state or province for US, CA and AU), whether it
/// buys as a business, its VAT/GST/ABN id, and the exemptions it holds at the instant being taxed.
/// </summary>
public sealed record TaxProfile(string? CountryCode, string? RegionCode, string? PostalCode, TaxCustomerStatus Status, string? TaxId, IReadOnlyList<TaxExemption> Exemptions)
{
    public static TaxProfile None { get; } = new(null, null, null, TaxCustomerStatus.Individual, null, []);
}
