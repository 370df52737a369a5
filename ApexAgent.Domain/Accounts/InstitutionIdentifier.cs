namespace ApexAgent.Domain.Accounts;

/// <summary>
/// An institution's official identifier, optional on an application but checked when given: for healthcare a US
/// National Provider Identifier (10 digits, Luhn check over the "80840" prefix); for education an IPEDS unit id
/// (6 digits) or an NCES id (7 digits for a district, 12 for a school).
/// </summary>
public static class InstitutionIdentifier
{
    /// <summary>Null when <paramref name="id"/> is valid for <paramref name="type"/>, else what is wrong.</summary>
    public static string? Problem(AccountType type, string id)
    {
        var digits = id.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            return "Use digits only.";
        }

        return type switch
        {
            AccountType.Healthcare => digits.Length == 10 && IsValidNpi(digits) ? null : "An NPI has 10 digits and a valid check digit.",
            AccountType.Education => digits.Length is 6 or 7 or 12 ? null : "Use an IPEDS unit id (6 digits) or an NCES id (7 or 12 digits).",
            _ => "Only education and healthcare institutions are verified.",
        };
    }

    /// <summary>The NPI check digit: Luhn over "80840" followed by the first nine digits.</summary>
    public static bool IsValidNpi(string npi)
    {
        if (npi.Length != 10 || !npi.All(char.IsAsciiDigit))
        {
            return false;
        }

        var payload = "80840" + npi[..9];
        var sum = 0;
        for (var i = 0; i < payload.Length; i++)
        {
            var d = payload[payload.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        return (10 - (sum % 10)) % 10 == npi[9] - '0';
    }
}
