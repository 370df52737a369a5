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
