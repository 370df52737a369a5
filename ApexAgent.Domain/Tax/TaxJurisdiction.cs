namespace ApexAgent.Domain.Tax;

/// <summary>
/// A place that taxes (or decides not to tax) digital services: an EU member state, the UK, Australia, a US state or DC
/// (<c>US-TX</c>), a Canadian province or territory (<c>CA-BC</c>). A US state without rates does not tax SaaS.
/// </summary>
public sealed record TaxJurisdiction(string Code, string Name, string CountryCode, bool IsEu, IReadOnlyList<TaxRate> Rates)
{
    /// <summary>The taxes in force on <paramref name="day"/>, at most one per tax name.</summary>
    public IReadOnlyList<TaxRate> RatesOn(DateOnly day) => Rates.Where(r => r.AppliesOn(day)).ToList();

    /// <summary>The region part of the code (<c>TX</c> of <c>US-TX</c>), or null for a country.</summary>
    public string? RegionCode => Code.Length > 3 && Code[2] == '-' ? Code[3..] : null;
}
