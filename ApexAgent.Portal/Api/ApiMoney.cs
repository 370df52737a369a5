using System.Globalization;
using System.Text;
using ApexAgent.Domain.Common;

namespace ApexAgent.Portal.Api;

/// <summary>
/// Money in the API: <c>{ "amount": "41.29", "currency": "USD" }</c> — the amount a decimal string in major units with
/// exactly the currency's minor digits (never a JSON number, so no client parses it into floating point).
/// </summary>
public sealed record ApiMoney(string Amount, string Currency)
{
    public static ApiMoney From(Money money) => new(Decimal(money), money.Currency.Code);

    public static string Decimal(Money money) => money.Major.ToString("F" + money.Currency.MinorDigits, CultureInfo.InvariantCulture);

    /// <summary>Parses a decimal string of major units ("41.29") into minor units; null when it is not one, or has more digits than the currency.</summary>
    public static long? ParseMinor(string? amount, Currency currency)
    {
        if (amount is null || amount.Length > 20 || !decimal.TryParse(amount, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var major))
        {
            return null;
        }

        var minor = major * (decimal)Math.Pow(10, currency.MinorDigits);
        return minor == decimal.Truncate(minor) && Math.Abs(minor) <= long.MaxValue / 10 ? (long)minor : null;
    }

    /// <summary>PascalCase to snake_case, for enum values in JSON and CSV (<c>PastDue</c> → <c>past_due</c>).</summary>
    public static string Snake(string pascal)
    {
        var text = new StringBuilder(pascal.Length + 4);
        foreach (var c in pascal)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }
}
