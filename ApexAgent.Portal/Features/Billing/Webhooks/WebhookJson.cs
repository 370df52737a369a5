using System.Globalization;
using System.Text.Json;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Api;

namespace ApexAgent.Portal.Features.Billing.Webhooks;

/// <summary>Tolerant reads of processor JSON: a missing or mistyped field is null, never an exception.</summary>
internal static class WebhookJson
{
    public static JsonElement? Get(this JsonElement element, params string[] path)
    {
        var current = element;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }

        return current;
    }

    public static string? Text(this JsonElement element, params string[] path) =>
        element.Get(path) is { ValueKind: JsonValueKind.String } value ? Limit(value.GetString()) : null;

    public static long? Long(this JsonElement element, params string[] path) =>
        element.Get(path) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var number) ? number : null;

    public static int? Int(this JsonElement element, params string[] path) =>
        element.Long(path) is { } number and >= 0 and <= 9999 ? (int)number : null;

    /// <summary>A PayPal money object (<c>{"currency_code":"USD","value":"10.00"}</c>) in minor units, if it is one we bill in.</summary>
    public static (long? Minor, string? Currency) PayPalMoney(this JsonElement element, params string[] path)
    {
        var code = element.Text([.. path, "currency_code"]);
        if (code is null || code.Length != 3)
        {
            return (null, null);
        }

        Currency currency;
        try
        {
            currency = Currency.FromCode(code);
        }
        catch (ArgumentException)
        {
            return (null, null);
        }

        return (ApiMoney.ParseMinor(element.Text([.. path, "value"]), currency), currency.Code);
    }

    public static string? UpperCurrency(string? code) => code is { Length: 3 } ? code.ToUpperInvariant() : null;

    public static DateTimeOffset? Iso(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at.ToUniversalTime() : null;

    private static string? Limit(string? text) => text is null ? null : text.Length <= 200 ? text : text[..200];
}
