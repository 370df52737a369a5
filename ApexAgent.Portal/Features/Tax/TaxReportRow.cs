namespace ApexAgent.Portal.Features.Tax;

/// <summary>
/// One jurisdiction and currency of the tax report, in minor units: the base taxed and the tax collected (less the tax
/// share of credit notes), the amounts exempt by certificate and reverse charged, and how many invoices carried its lines.
/// </summary>
public sealed record TaxReportRow(string Jurisdiction, string Name, string CurrencyCode, long TaxableMinor, long CollectedMinor, long CreditedMinor, long ExemptMinor, long ReverseChargedMinor, int InvoiceCount)
{
    /// <summary>Collected less credited: what is owed to the jurisdiction.</summary>
    public long NetMinor => CollectedMinor - CreditedMinor;
}
