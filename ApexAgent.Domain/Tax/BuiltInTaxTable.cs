namespace ApexAgent.Domain.Tax;

/// <summary>
/// Tax from the effective-dated rate table (ADR 0021). Per tax of the customer's jurisdiction: tax on each line
/// (its amount × the taxable share × the rate, rounded once per line, half away from zero), summed into one line per tax.
/// A business with a well-formed VAT number in another country than the seller's (EU, UK), or an Australian business with
/// a valid ABN, is reverse charged: a zero line naming its id. An exemption certificate for the tax's authority gives a
/// zero <c>tax.exempt</c> line naming the certificate. Anywhere the table does not list: no tax.
/// </summary>
public sealed class BuiltInTaxTable(TaxRateTable table, string sellerCountry) : ITaxCalculator
{
    public BuiltInTaxTable()
        : this(TaxRateTable.Default, "US")
    {
    }

    public TaxRateTable Table => table;

    public IReadOnlyList<TaxLine> Calculate(TaxProfile profile, IReadOnlyList<TaxableLine> lines, DateTimeOffset at)
    {
        var jurisdiction = table.Resolve(profile.CountryCode, profile.RegionCode);
        if (jurisdiction is null || lines.Count == 0 || lines.All(l => l.AmountMinor == 0))
        {
            return [];
        }

        var rates = jurisdiction.RatesOn(DateOnly.FromDateTime(at.UtcDateTime));
        if (rates.Count == 0)
        {
            return [];
        }

        var baseMinor = lines.Sum(l => l.AmountMinor);
        if (ReverseChargeNote(jurisdiction, profile) is { } note)
        {
            return [new TaxLine(TaxLineKind.ReverseCharge, note, 0, jurisdiction.Code, 0m, baseMinor)];
        }

        var result = new List<TaxLine>();
        foreach (var rate in rates)
        {
            var taxable = lines.Sum(l => Round(l.AmountMinor * rate.TaxableShare));
            // A certificate exempts from the taxes of the authority that issued it: a BC PST certificate leaves the federal GST.
            var exemption = profile.Exemptions.FirstOrDefault(e => string.Equals(e.Jurisdiction, rate.Authority, StringComparison.OrdinalIgnoreCase));
            if (exemption is not null)
            {
                result.Add(new TaxLine(TaxLineKind.Exempt, $"{rate.Name} exempt — certificate {exemption.CertificateNumber} ({rate.AuthorityName})", 0, rate.Authority, 0m, taxable));
                continue;
            }

            var tax = lines.Sum(l => Round(l.AmountMinor * rate.TaxableShare * rate.Rate));
            var share = rate.TaxableShare == 1m ? "" : $" on {(rate.TaxableShare * 100m).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}% of the price";
            result.Add(new TaxLine(TaxLineKind.Charged, $"{rate.Name} {rate.Percent}{share} ({rate.AuthorityName})", tax, rate.Authority, rate.Rate, taxable));
        }

        return result;
    }

    private string? ReverseChargeNote(TaxJurisdiction jurisdiction, TaxProfile profile)
    {
        if (profile.Status != TaxCustomerStatus.Business || string.IsNullOrWhiteSpace(profile.TaxId) || jurisdiction.CountryCode == sellerCountry)
        {
            return null;
        }

        var country = jurisdiction.CountryCode;
        if (jurisdiction.IsEu && VatNumber.IsValid(country, profile.TaxId))
        {
            return $"VAT reverse charge — Article 196 (customer VAT ID {VatNumber.Normalise(country, profile.TaxId)})";
        }

        if (country == "GB" && VatNumber.IsValid(country, profile.TaxId))
        {
            return $"VAT reverse charge — customer to account for VAT (VAT reg. no. {VatNumber.Normalise(country, profile.TaxId)})";
        }

        if (country == "AU" && AustralianBusinessNumber.IsValid(profile.TaxId))
        {
            return $"GST not charged — business customer with ABN {AustralianBusinessNumber.Normalise(profile.TaxId)} (reverse charge)";
        }

        return null;
    }

    private static long Round(decimal minor) => (long)Math.Round(minor, 0, MidpointRounding.AwayFromZero);
}
