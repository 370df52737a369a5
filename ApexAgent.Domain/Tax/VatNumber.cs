using System.Text.RegularExpressions;

namespace ApexAgent.Domain.Tax;

/// <summary>
/// VAT identification number formats of the EU member states and the UK: the country prefix (EL for Greece) and the
/// country's pattern. Format only — no VIES or HMRC lookup is made (ADR 0021).
/// </summary>
public static partial class VatNumber
{
    private static readonly Dictionary<string, (string Prefix, Regex Pattern)> Formats = new()
    {
        ["AT"] = ("AT", new Regex(@"^U\d{8}$")),
        ["BE"] = ("BE", new Regex(@"^[01]\d{9}$")),
        ["BG"] = ("BG", new Regex(@"^\d{9,10}$")),
        ["HR"] = ("HR", new Regex(@"^\d{11}$")),
        ["CY"] = ("CY", new Regex(@"^\d{8}[A-Z]$")),
        ["CZ"] = ("CZ", new Regex(@"^\d{8,10}$")),
        ["DK"] = ("DK", new Regex(@"^\d{8}$")),
        ["EE"] = ("EE", new Regex(@"^10\d{7}$")),
        ["FI"] = ("FI", new Regex(@"^\d{8}$")),
        ["FR"] = ("FR", new Regex(@"^[0-9A-HJ-NP-Z]{2}\d{9}$")),
        ["DE"] = ("DE", new Regex(@"^\d{9}$")),
        ["GR"] = ("EL", new Regex(@"^\d{9}$")),
        ["HU"] = ("HU", new Regex(@"^\d{8}$")),
        ["IE"] = ("IE", new Regex(@"^(\d{7}[A-W][A-IW]?|\d[A-Z+*]\d{5}[A-W])$")),
        ["IT"] = ("IT", new Regex(@"^\d{11}$")),
        ["LV"] = ("LV", new Regex(@"^\d{11}$")),
        ["LT"] = ("LT", new Regex(@"^(\d{9}|\d{12})$")),
        ["LU"] = ("LU", new Regex(@"^\d{8}$")),
        ["MT"] = ("MT", new Regex(@"^\d{8}$")),
        ["NL"] = ("NL", new Regex(@"^\d{9}B\d{2}$")),
        ["PL"] = ("PL", new Regex(@"^\d{10}$")),
        ["PT"] = ("PT", new Regex(@"^\d{9}$")),
        ["RO"] = ("RO", new Regex(@"^[1-9]\d{1,9}$")),
        ["SK"] = ("SK", new Regex(@"^\d{10}$")),
        ["SI"] = ("SI", new Regex(@"^\d{8}$")),
        ["ES"] = ("ES", new Regex(@"^([A-Z]\d{7}[A-Z0-9]|\d{8}[A-Z])$")),
        ["SE"] = ("SE", new Regex(@"^\d{10}01$")),
        ["GB"] = ("GB", new Regex(@"^(\d{9}|\d{12}|GD[0-4]\d{2}|HA[5-9]\d{2})$")),
    };

    /// <summary>Does this country issue VAT numbers we can check the format of (EU and GB)?</summary>
    public static bool HasFormat(string country) => Formats.ContainsKey(country);

    /// <summary>The number as stored: upper case, without spaces, dots or dashes, with the country prefix added if it was left off.</summary>
    public static string Normalise(string country, string value)
    {
        var compact = Separators().Replace(value.ToUpperInvariant(), "");
        return Formats.TryGetValue(country, out var format) && !compact.StartsWith(format.Prefix, StringComparison.Ordinal) && !char.IsLetter(compact.FirstOrDefault())
            ? format.Prefix + compact
            : compact;
    }

    /// <summary>Is <paramref name="value"/> a well-formed VAT number of <paramref name="country"/> (prefix included or left off)?</summary>
    public static bool IsValid(string country, string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || !Formats.TryGetValue(country, out var format))
        {
            return false;
        }

        var normalised = Normalise(country, value);
        return normalised.Length < 20 && normalised.StartsWith(format.Prefix, StringComparison.Ordinal) && format.Pattern.IsMatch(normalised[format.Prefix.Length..]);
    }

    [GeneratedRegex(@"[\s.\-]")]
    private static partial Regex Separators();
}
