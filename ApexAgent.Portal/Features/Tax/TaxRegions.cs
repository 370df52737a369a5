using System.Globalization;
using ApexAgent.Domain.Tax;

namespace ApexAgent.Portal.Features.Tax;

/// <summary>The countries and regions the billing details form offers and the API accepts.</summary>
public static class TaxRegions
{
    public static IReadOnlyDictionary<string, string> AustralianStates { get; } = new Dictionary<string, string>
    {
        ["ACT"] = "Australian Capital Territory", ["NSW"] = "New South Wales", ["NT"] = "Northern Territory", ["QLD"] = "Queensland",
        ["SA"] = "South Australia", ["TAS"] = "Tasmania", ["VIC"] = "Victoria", ["WA"] = "Western Australia",
    };

    private static readonly Lazy<IReadOnlyList<(string Code, string Name)>> AllCountries = new(() =>
        CultureInfo.GetCultures(CultureTypes.SpecificCultures)
            .Select(c => { try { return new RegionInfo(c.Name); } catch (ArgumentException) { return null; } })
            .Where(r => r is not null && r.TwoLetterISORegionName.Length == 2 && r.TwoLetterISORegionName.All(char.IsAsciiLetterUpper))
            .Select(r => (r!.TwoLetterISORegionName, r.EnglishName))
            .DistinctBy(r => r.TwoLetterISORegionName)
            .OrderBy(r => r.EnglishName, StringComparer.Ordinal)
            .ToList());

    /// <summary>Every country the platform knows (ISO 3166 alpha-2 code and English name).</summary>
    public static IReadOnlyList<(string Code, string Name)> Countries => AllCountries.Value;

    public static bool IsCountry(string code) => Countries.Any(c => c.Code == code);

    /// <summary>The regions a country needs (empty: it needs none).</summary>
    public static IReadOnlyList<(string Code, string Name)> RegionsOf(string? country) => country switch
    {
        "US" or "CA" => TaxRateTable.Default.RegionsOf(country).Select(j => (j.RegionCode!, j.Name)).ToList(),
        "AU" => AustralianStates.Select(s => (s.Key, s.Value)).ToList(),
        _ => [],
    };
}
