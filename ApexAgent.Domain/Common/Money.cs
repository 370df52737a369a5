using System.Globalization;

namespace ApexAgent.Domain.Common;

/// <summary>An amount of money: an integer number of minor units (cents) in one currency.</summary>
public readonly record struct Money(long Minor, Currency Currency)
{
    public static Money Zero(Currency currency) => new(0, currency);

    public static Money Usd(long minor) => new(minor, Currency.Usd);

    /// <summary>Whole major units, e.g. <c>Money.FromMajor(20, USD)</c> is $20.00.</summary>
    public static Money FromMajor(long major, Currency currency) =>
        new(checked(major * Pow10(currency.MinorDigits)), currency);

    /// <summary>Rounds a decimal amount of minor units once, half away from zero.</summary>
    public static Money FromMinorDecimal(decimal minor, Currency currency) =>
        new((long)Math.Round(minor, 0, MidpointRounding.AwayFromZero), currency);

    public decimal Major => Minor / (decimal)Pow10(Currency.MinorDigits);

    public static Money operator +(Money a, Money b) => new(checked(a.Minor + SameCurrency(a, b).Minor), a.Currency);

    public static Money operator -(Money a, Money b) => new(checked(a.Minor - SameCurrency(a, b).Minor), a.Currency);

    public static Money operator *(Money a, int factor) => new(checked(a.Minor * factor), a.Currency);

    /// <summary>People-facing form: symbol and all minor digits, e.g. <c>$1,234.50</c>.</summary>
    public string Format()
    {
        var digits = Currency.MinorDigits;
        var sign = Minor < 0 ? "-" : "";
        var amount = Math.Abs(Major).ToString("N" + digits, CultureInfo.InvariantCulture);
        return $"{sign}{Currency.Symbol}{amount}";
    }

    public override string ToString() => Format();

    private static Money SameCurrency(Money a, Money b) =>
        a.Currency == b.Currency
            ? b
            : throw new InvalidOperationException($"Cannot combine {a.Currency} with {b.Currency}.");

    private static long Pow10(int digits)
    {
        long result = 1;
        for (var i = 0; i < digits; i++)
        {
            result *= 10;
        }

        return result;
    }
}
