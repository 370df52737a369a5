using System.Globalization;
using ApexAgent.Domain.Common;

namespace ApexAgent.Domain.Accounts;

/// <summary>The profile a customer manages: who they are and where they are billed.</summary>
public sealed record ProfileDetails
{
    public string DisplayName { get; set; } = "";

    public string? Company { get; set; }

    public string? AddressLine1 { get; set; }

    public string? AddressLine2 { get; set; }

    public string? City { get; set; }

    public string? Region { get; set; }

    public string? PostalCode { get; set; }

    /// <summary>ISO 3166-1 alpha-2 code, e.g. <c>DE</c>.</summary>
    public string? Country { get; set; }

    public string? TaxId { get; set; }

    /// <summary>IANA time zone id, e.g. <c>Europe/Berlin</c>.</summary>
    public string TimeZone { get; set; } = "UTC";

    private static readonly Lazy<IReadOnlyDictionary<string, string>> CountryNames = new(() =>
        CultureInfo.GetCultures(CultureTypes.SpecificCultures)
            .Select(c => TryRegion(c.Name))
            .OfType<RegionInfo>()
            .Where(r => r.TwoLetterISORegionName.Length == 2 && r.TwoLetterISORegionName.All(char.IsAsciiLetterUpper))
            .DistinctBy(r => r.TwoLetterISORegionName)
            .ToDictionary(r => r.TwoLetterISORegionName, r => r.EnglishName, StringComparer.Ordinal));

    /// <summary>Countries people can choose: ISO code and English name, sorted by name.</summary>
    public static IReadOnlyList<(string Code, string Name)> Countries { get; } =
        CountryNames.Value.Select(c => (c.Key, c.Value)).OrderBy(c => c.Value, StringComparer.InvariantCulture).ToList();

    public Result<ProfileDetails> Validate()
    {
        var country = string.IsNullOrWhiteSpace(Country) ? null : Country.Trim().ToUpperInvariant();
        var errors = new FieldErrors()
            .Require(!string.IsNullOrWhiteSpace(DisplayName), nameof(DisplayName), "Name is required.")
            .MaxLength(DisplayName, 100, nameof(DisplayName), "Name")
            .MaxLength(Company, 200, nameof(Company), "Company")
            .MaxLength(AddressLine1, 200, nameof(AddressLine1), "Address line 1")
            .MaxLength(AddressLine2, 200, nameof(AddressLine2), "Address line 2")
            .MaxLength(City, 100, nameof(City), "City")
            .MaxLength(Region, 100, nameof(Region), "State or region")
            .MaxLength(PostalCode, 20, nameof(PostalCode), "Postal code")
            .MaxLength(TaxId, 40, nameof(TaxId), "Tax id")
            .Require(country is null || CountryNames.Value.ContainsKey(country), nameof(Country), "Choose a country from the list.")
            .Require(IsKnownTimeZone(TimeZone), nameof(TimeZone), "Choose a time zone from the list.");
        return errors.Any ? errors.ToError() : Normalized();
    }

    public static bool IsKnownTimeZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && id.Length <= 64 && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);

    private ProfileDetails Normalized() => this with
    {
        DisplayName = DisplayName.Trim(),
        Company = Blank(Company),
        AddressLine1 = Blank(AddressLine1),
        AddressLine2 = Blank(AddressLine2),
        City = Blank(City),
        Region = Blank(Region),
        PostalCode = Blank(PostalCode),
        Country = Blank(Country)?.ToUpperInvariant(),
        TaxId = Blank(TaxId)?.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant(),
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static RegionInfo? TryRegion(string cultureName)
    {
        try
        {
            return new RegionInfo(cultureName);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
