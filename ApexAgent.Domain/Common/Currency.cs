namespace ApexAgent.Domain.Common;

/// <summary>An ISO 4217 currency with the number of digits in its minor unit.</summary>
public sealed record Currency(string Code, int MinorDigits, string Symbol)
{
    public static readonly Currency Usd = new("USD", 2, "$");
    public static readonly Currency Eur = new("EUR", 2, "€");
    public static readonly Currency Gbp = new("GBP", 2, "£");

    private static readonly Dictionary<string, Currency> Known =
        new[] { Usd, Eur, Gbp }.ToDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);

    public static Currency FromCode(string code) =>
        Known.TryGetValue(code, out var currency)
            ? currency
            : throw new ArgumentException($"Unsupported currency '{code}'.", nameof(code));

    public override string ToString() => Code;
}
