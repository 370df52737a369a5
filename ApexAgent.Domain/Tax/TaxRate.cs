namespace ApexAgent.Domain.Tax;

/// <summary>
/// One tax of a jurisdiction for a span of dates (<paramref name="From"/> inclusive, <paramref name="To"/> exclusive, UTC
/// days): its name (VAT, GST, HST, PST, QST, sales tax), the rate (0.19), the share of the price it taxes (Texas: 0.8), and
/// the authority that levies it (Canadian GST is federal: <c>CA</c>, named Canada).
/// </summary>
public sealed record TaxRate(string Name, decimal Rate, DateOnly From, DateOnly? To, decimal TaxableShare, string Authority, string AuthorityName)
{
    public bool AppliesOn(DateOnly day) => day >= From && (To is null || day < To.Value);

    /// <summary>The rate as people read it: 19, 9.975, 6.25.</summary>
    public string Percent => (Rate * 100m).ToString("0.####", System.Globalization.CultureInfo.InvariantCulture) + "%";
}
