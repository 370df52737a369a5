using System.Globalization;
using System.Text.Json;

namespace ApexAgent.Domain.Tax;

/// <summary>
/// The jurisdictions and their effective-dated rates, read from data (the embedded <c>tax-rates.json</c> by default, or
/// any JSON of the same shape — tests use their own).
/// </summary>
public sealed class TaxRateTable
{
    private static readonly Lazy<TaxRateTable> BuiltIn = new(() =>
    {
        using var stream = typeof(TaxRateTable).Assembly.GetManifestResourceStream("ApexAgent.Domain.Tax.tax-rates.json")
            ?? throw new InvalidOperationException("The tax rate table is missing from the assembly.");
        return Parse(stream);
    });

    private readonly Dictionary<string, TaxJurisdiction> byCode;

    public TaxRateTable(IEnumerable<TaxJurisdiction> jurisdictions)
    {
        byCode = jurisdictions.ToDictionary(j => j.Code, StringComparer.OrdinalIgnoreCase);
        Jurisdictions = byCode.Values.OrderBy(j => j.Code, StringComparer.Ordinal).ToList();
    }

    public static TaxRateTable Default => BuiltIn.Value;

    public IReadOnlyList<TaxJurisdiction> Jurisdictions { get; }

    /// <summary>Countries whose customers must give a state or province (the table knows their regions).</summary>
    public static IReadOnlySet<string> CountriesWithRegions { get; } = new HashSet<string>(["US", "CA", "AU"]);

    public TaxJurisdiction? Find(string code) => byCode.GetValueOrDefault(code);

    /// <summary>The jurisdiction that taxes a customer in <paramref name="country"/> (and <paramref name="region"/> for US and CA); null: no tax there.</summary>
    public TaxJurisdiction? Resolve(string? country, string? region)
    {
        if (string.IsNullOrEmpty(country))
        {
            return null;
        }

        if (country is "US" or "CA")
        {
            return string.IsNullOrEmpty(region) ? null : Find($"{country}-{region}");
        }

        return Find(country);
    }

    /// <summary>The regions the table lists for a country (US states and DC, Canadian provinces and territories).</summary>
    public IReadOnlyList<TaxJurisdiction> RegionsOf(string country) =>
        Jurisdictions.Where(j => j.CountryCode == country && j.RegionCode is not null).OrderBy(j => j.Name, StringComparer.Ordinal).ToList();

    /// <summary>A name for any jurisdiction or authority code (Canada for <c>CA</c>).</summary>
    public string NameOf(string code) =>
        Find(code)?.Name
        ?? Jurisdictions.SelectMany(j => j.Rates).FirstOrDefault(r => r.Authority == code)?.AuthorityName
        ?? code;

    public static TaxRateTable Parse(Stream json)
    {
        using var document = JsonDocument.Parse(json);
        var jurisdictions = new List<TaxJurisdiction>();
        foreach (var j in document.RootElement.GetProperty("jurisdictions").EnumerateArray())
        {
            var code = j.GetProperty("code").GetString()!;
            var name = j.GetProperty("name").GetString()!;
            var rates = j.GetProperty("taxes").EnumerateArray().Select(t => new TaxRate(
                t.GetProperty("name").GetString()!,
                t.GetProperty("rate").GetDecimal(),
                DateOnly.Parse(t.GetProperty("from").GetString()!, CultureInfo.InvariantCulture),
                t.TryGetProperty("to", out var to) ? DateOnly.Parse(to.GetString()!, CultureInfo.InvariantCulture) : null,
                t.TryGetProperty("taxableShare", out var share) ? share.GetDecimal() : 1m,
                t.TryGetProperty("authority", out var authority) ? authority.GetString()! : code,
                t.TryGetProperty("authorityName", out var authorityName) ? authorityName.GetString()! : name)).ToList();
            jurisdictions.Add(new TaxJurisdiction(code, name, j.GetProperty("country").GetString()!, j.TryGetProperty("eu", out var eu) && eu.GetBoolean(), rates));
        }

        return new TaxRateTable(jurisdictions);
    }
}
