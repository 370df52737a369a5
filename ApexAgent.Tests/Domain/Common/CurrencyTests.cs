using ApexAgent.Domain.Common;

namespace ApexAgent.Tests.Domain.Common;

public sealed class CurrencyTests
{
    [Theory]
    [InlineData("USD", "$")]
    [InlineData("EUR", "€")]
    [InlineData("GBP", "£")]
    public void FromCode_finds_the_supported_currencies_with_two_minor_digits(string code, string symbol)
    {
        var currency = Currency.FromCode(code);

        Assert.Equal(code, currency.Code);
        Assert.Equal(symbol, currency.Symbol);
        Assert.Equal(2, currency.MinorDigits);
    }

    [Fact]
    public void FromCode_ignores_case()
    {
        Assert.Equal(Currency.Eur, Currency.FromCode("eur"));
    }

    [Theory]
    [InlineData("JPY")]
    [InlineData("")]
    [InlineData("US")]
    public void FromCode_rejects_unsupported_codes(string code)
    {
        var error = Assert.Throws<ArgumentException>(() => Currency.FromCode(code));
        Assert.Equal("code", error.ParamName);
    }

    [Fact]
    public void ToString_is_the_iso_code()
    {
        Assert.Equal("GBP", Currency.Gbp.ToString());
    }
}
