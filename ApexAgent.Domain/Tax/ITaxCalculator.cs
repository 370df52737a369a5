namespace ApexAgent.Domain.Tax;

/// <summary>
/// Decides the tax of an invoice: from the customer's tax profile, the lines (after every discount) and the instant, the
/// tax lines to add. <see cref="BuiltInTaxTable"/> is the default; an external tax service can implement this later.
/// </summary>
public interface ITaxCalculator
{
    IReadOnlyList<TaxLine> Calculate(TaxProfile profile, IReadOnlyList<TaxableLine> lines, DateTimeOffset at);
}
