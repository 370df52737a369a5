using System.Globalization;
using ApexAgent.Domain.Common;

namespace ApexAgent.Tests.Domain.Common;

public sealed class MoneyTests
{
    private static readonly Currency Yen = new("JPY", 0, "¥");
    private static readonly Currency Dinar = new("KWD", 3, "KD");

    [Theory]
    [InlineData(0, "$0.00")]
    [InlineData(5, "$0.05")]
    [InlineData(50, "$0.50")]
    [InlineData(2_000, "$20.00")]
    [InlineData(123_450, "$1,234.50")]
    [InlineData(100_000_000, "$1,000,000.00")]
    [InlineData(123_456_789_012, "$1,234,567,890.12")]
    public void Format_shows_the_symbol_thousands_separators_and_two_decimals(long minor, string expected)
    {
        Assert.Equal(expected, Money.Usd(minor).Format());
    }

    [Theory]
    [InlineData(-5, "-$0.05")]
    [InlineData(-2_000, "-$20.00")]
    [InlineData(-123_450, "-$1,234.50")]
    public void Format_puts_the_minus_sign_before_the_symbol(long minor, string expected)
    {
        Assert.Equal(expected, Money.Usd(minor).Format());
    }

    [Fact]
    public void Format_of_the_smallest_long_amount_does_not_overflow()
    {
        Assert.Equal("-$92,233,720,368,547,758.08", Money.Usd(long.MinValue).Format());
    }

    [Fact]
    public void Format_uses_each_currency_symbol()
    {
        Assert.Equal("€1,234.56", new Money(123_456, Currency.Eur).Format());
        Assert.Equal("£0.99", new Money(99, Currency.Gbp).Format());
    }

    [Fact]
    public void Format_shows_as_many_decimals_as_the_currency_has_minor_digits()
    {
        Assert.Equal("¥1,234", new Money(1_234, Yen).Format());
        Assert.Equal("KD1,234.567", new Money(1_234_567, Dinar).Format());
    }

    [Fact]
    public void Format_does_not_depend_on_the_current_culture()
    {
        var original = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal("$1,234.50", Money.Usd(123_450).Format());
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("fr-FR");
            Assert.Equal("-$1,234.50", Money.Usd(-123_450).Format());
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }

    [Fact]
    public void ToString_is_the_people_facing_format()
    {
        Assert.Equal("$12.34", Money.Usd(1_234).ToString());
    }

    [Fact]
    public void Major_divides_by_the_minor_unit()
    {
        Assert.Equal(12.34m, Money.Usd(1_234).Major);
        Assert.Equal(-0.07m, Money.Usd(-7).Major);
        Assert.Equal(1_234m, new Money(1_234, Yen).Major);
        Assert.Equal(1.234m, new Money(1_234, Dinar).Major);
    }

    [Fact]
    public void Adding_sums_the_minor_units_in_the_same_currency()
    {
        var sum = Money.Usd(1_050) + Money.Usd(250);

        Assert.Equal(1_300, sum.Minor);
        Assert.Equal(Currency.Usd, sum.Currency);
    }

    [Fact]
    public void Subtracting_can_go_below_zero()
    {
        var difference = new Money(250, Currency.Eur) - new Money(1_050, Currency.Eur);

        Assert.Equal(new Money(-800, Currency.Eur), difference);
    }

    [Fact]
    public void Multiplying_scales_the_minor_units()
    {
        Assert.Equal(Money.Usd(12_000), Money.Usd(4_000) * 3);
        Assert.Equal(Money.Usd(-4_000), Money.Usd(4_000) * -1);
    }

    [Fact]
    public void Adding_different_currencies_throws()
    {
        Assert.Throws<InvalidOperationException>(() => Money.Usd(100) + new Money(100, Currency.Eur));
    }

    [Fact]
    public void Subtracting_different_currencies_throws()
    {
        Assert.Throws<InvalidOperationException>(() => new Money(100, Currency.Gbp) - Money.Usd(100));
    }

    [Fact]
    public void Arithmetic_overflow_throws_instead_of_wrapping()
    {
        Assert.Throws<OverflowException>(() => Money.Usd(long.MaxValue) + Money.Usd(1));
        Assert.Throws<OverflowException>(() => Money.Usd(long.MinValue) - Money.Usd(1));
        Assert.Throws<OverflowException>(() => Money.Usd(long.MaxValue / 2 + 1) * 2);
    }

    [Fact]
    public void Zero_is_zero_minor_units_in_the_given_currency()
    {
        Assert.Equal(new Money(0, Currency.Gbp), Money.Zero(Currency.Gbp));
    }

    [Fact]
    public void Amounts_in_different_currencies_are_not_equal()
    {
        Assert.NotEqual(Money.Usd(100), new Money(100, Currency.Eur));
    }

    [Theory]
    [InlineData(20, 2_000)]
    [InlineData(0, 0)]
    [InlineData(-3, -300)]
    [InlineData(1_000_000, 100_000_000)]
    public void FromMajor_multiplies_whole_units_by_the_minor_unit(long major, long expectedMinor)
    {
        var money = Money.FromMajor(major, Currency.Usd);

        Assert.Equal(expectedMinor, money.Minor);
        Assert.Equal(Currency.Usd, money.Currency);
    }

    [Fact]
    public void FromMajor_respects_the_currency_minor_digits()
    {
        Assert.Equal(20, Money.FromMajor(20, Yen).Minor);
        Assert.Equal(20_000, Money.FromMajor(20, Dinar).Minor);
        Assert.Equal(2_000, Money.FromMajor(20, Currency.Eur).Minor);
    }

    [Fact]
    public void FromMajor_overflow_throws()
    {
        Assert.Throws<OverflowException>(() => Money.FromMajor(long.MaxValue / 10, Currency.Usd));
    }

    [Theory]
    [InlineData("0.5", 1)]
    [InlineData("-0.5", -1)]
    [InlineData("1.5", 2)]
    [InlineData("2.5", 3)]
    [InlineData("-2.5", -3)]
    [InlineData("2.4999999", 2)]
    [InlineData("2.5000001", 3)]
    [InlineData("-1.49", -1)]
    [InlineData("-1.51", -2)]
    [InlineData("0.4999999999999999999999999", 0)]
    [InlineData("1234.5", 1235)]
    [InlineData("7", 7)]
    public void FromMinorDecimal_rounds_half_away_from_zero(string minor, long expected)
    {
        var money = Money.FromMinorDecimal(decimal.Parse(minor, CultureInfo.InvariantCulture), Currency.Usd);

        Assert.Equal(expected, money.Minor);
        Assert.Equal(Currency.Usd, money.Currency);
    }

    [Fact]
    public void FromMinorDecimal_matches_an_independent_half_away_from_zero_rounding_for_many_amounts()
    {
        var random = new Random(20261125);
        for (var i = 0; i < 20_000; i++)
        {
            var amount = RandomMinorAmount(random);

            var actual = Money.FromMinorDecimal(amount, Currency.Usd).Minor;

            var expected = RoundHalfAwayFromZeroByDigits(amount);
            Assert.True(expected == actual, $"{amount.ToString(CultureInfo.InvariantCulture)} rounded to {actual}, expected {expected}");
        }
    }

    [Fact]
    public void FromMinorDecimal_outside_the_range_of_long_throws()
    {
        Assert.Throws<OverflowException>(() => Money.FromMinorDecimal((decimal)long.MaxValue + 1m, Currency.Usd));
    }

    /// <summary>A decimal with a random integer part and 0–12 fraction digits; a third of them sit exactly on a half.</summary>
    private static decimal RandomMinorAmount(Random random)
    {
        var whole = random.NextInt64(-1_000_000_000_000, 1_000_000_000_000);
        var kind = random.Next(3);
        if (kind == 0)
        {
            return whole + (whole < 0 ? -0.5m : 0.5m);
        }

        var scale = random.Next(0, 13);
        var fraction = scale == 0 ? 0 : random.NextInt64(0, Pow10(scale));
        var value = Math.Abs(whole) + (fraction / (decimal)Pow10(scale));
        return whole < 0 || (whole == 0 && random.Next(2) == 0) ? -value : value;
    }

    /// <summary>Rounds by looking at the decimal digits: the first fraction digit decides, ties go away from zero.</summary>
    private static long RoundHalfAwayFromZeroByDigits(decimal value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        var negative = text.StartsWith('-');
        var digits = negative ? text[1..] : text;
        var point = digits.IndexOf('.', StringComparison.Ordinal);
        var wholePart = long.Parse(point < 0 ? digits : digits[..point], CultureInfo.InvariantCulture);
        var roundsUp = point >= 0 && point + 1 < digits.Length && digits[point + 1] >= '5';
        var magnitude = roundsUp ? wholePart + 1 : wholePart;
        return negative ? -magnitude : magnitude;
    }

    private static long Pow10(int exponent)
    {
        long result = 1;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }
}
