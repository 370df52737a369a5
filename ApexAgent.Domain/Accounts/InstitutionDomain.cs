using System.Globalization;
using System.Text.RegularExpressions;

namespace ApexAgent.Domain.Accounts;

/// <summary>
/// The institution's email domain, the evidence that the applicant belongs to it: a real domain name, never a free-mail
/// provider, and the applicant's own sign-in address must be on it (or on one of its subdomains).
/// </summary>
public static partial class InstitutionDomain
{
    /// <summary>Consumer mailbox providers: anyone can have an address there, so it proves nothing.</summary>
    public static IReadOnlySet<string> FreeMail { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "ymail.com", "outlook.com", "hotmail.com", "hotmail.co.uk",
        "live.com", "msn.com", "icloud.com", "me.com", "mac.com", "aol.com", "proton.me", "protonmail.com", "pm.me",
        "gmx.com", "gmx.de", "gmx.net", "web.de", "mail.com", "mail.ru", "yandex.com", "yandex.ru", "zoho.com",
        "qq.com", "163.com", "126.com", "tutanota.com", "fastmail.com", "hey.com", "example.com",
    };

    /// <summary>The domain in lower case without a leading "@" or "www.", or null when it is not a domain name.</summary>
    public static string? Normalise(string? domain)
    {
        var value = (domain ?? "").Trim().TrimStart('@').TrimEnd('.').ToLowerInvariant();
        if (value.StartsWith("www.", StringComparison.Ordinal))
        {
            value = value[4..];
        }

        return value.Length is > 3 and <= 253 && DomainName().IsMatch(value) ? value : null;
    }

    public static bool IsFreeMail(string domain) =>
        FreeMail.Contains(domain) || FreeMail.Any(f => domain.EndsWith("." + f, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether <paramref name="email"/> is an address at <paramref name="domain"/> or at one of its subdomains.</summary>
    public static bool Holds(string domain, string? email)
    {
        var at = (email ?? "").LastIndexOf('@');
        if (at < 1)
        {
            return false;
        }

        var host = email![(at + 1)..].Trim().TrimEnd('.').ToLower(CultureInfo.InvariantCulture);
        return host == domain || host.EndsWith("." + domain, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex DomainName();
}
