namespace ApexAgent.Domain.Tax;

/// <summary>
/// A tax line for an invoice: one per tax per invoice, the sum of that tax over every taxable line rounded per line.
/// <paramref name="Kind"/> is <c>tax</c>, <c>tax.reverse_charge</c> or <c>tax.exempt</c> (the last two with a zero amount);
/// <paramref name="TaxableMinor"/> is the base it was computed on (after the taxable share).
/// </summary>
public sealed record TaxLine(string Kind, string Description, long AmountMinor, string Jurisdiction, decimal Rate, long TaxableMinor);
