using ApexAgent.Domain.Tax;

namespace ApexAgent.Tests.Domain.Tax;

public sealed class VatNumberTests
{
    [Theory]
    [InlineData("AT", "ATU12345678")]
    [InlineData("BE", "BE0123456789")]
    [InlineData("DE", "DE123456789")]
    [InlineData("DE", "de 123.456.789")]
    [InlineData("DE", "123456789")]
    [InlineData("DK", "DK12345678")]
    [InlineData("ES", "ESX1234567X")]
    [InlineData("ES", "ES12345678Z")]
    [InlineData("FI", "FI12345678")]
    [InlineData("FR", "FRXX123456789")]
    [InlineData("FR", "FR12345678901")]
    [InlineData("GR", "EL123456789")]
    [InlineData("IE", "IE1234567T")]
    [InlineData("IE", "IE1234567TW")]
    [InlineData("IE", "IE1A23456T")]
    [InlineData("IT", "IT12345678901")]
    [InlineData("LU", "LU12345678")]
    [InlineData("NL", "NL123456789B01")]
    [InlineData("PL", "PL1234567890")]
    [InlineData("PT", "PT123456789")]
    [InlineData("SE", "SE123456789001")]
    [InlineData("CY", "CY12345678X")]
    [InlineData("GB", "GB123456789")]
    [InlineData("GB", "GB123456789012")]
    [InlineData("GB", "GBGD123")]
    public void Well_formed_numbers_are_accepted(string country, string number) => Assert.True(VatNumber.IsValid(country, number), $"{country} {number}");

    [Theory]
    [InlineData("DE", "DE12345678")]
    [InlineData("DE", "DE1234567890")]
    [InlineData("DE", "FR123456789")]
    [InlineData("DE", "DEABCDEFGHI")]
    [InlineData("AT", "AT12345678")]
    [InlineData("BE", "BE2123456789")]
    [InlineData("FR", "FRIO123456789")]
    [InlineData("GR", "GR123456789")]
    [InlineData("NL", "NL123456789")]
    [InlineData("SE", "SE123456789000")]
    [InlineData("IE", "IE12345678")]
    [InlineData("GB", "GB12345678")]
    [InlineData("GB", "GBHA123")]
    [InlineData("US", "US123456789")]
    [InlineData("DE", "")]
    [InlineData("DE", "DE123456789'; DROP TABLE x")]
    public void Malformed_numbers_are_refused(string country, string number) => Assert.False(VatNumber.IsValid(country, number), $"{country} {number}");

    [Theory]
    [InlineData("51 824 753 556", true)]
    [InlineData("53004085616", true)]
    [InlineData("51824753557", false)]
    [InlineData("5182475355", false)]
    [InlineData("5182475355a", false)]
    public void Australian_business_numbers_pass_their_checksum(string abn, bool valid) => Assert.Equal(valid, AustralianBusinessNumber.IsValid(abn));
}
