using ApexAgent.Portal.Api;

namespace ApexAgent.Tests.Portal.Api;

public sealed class CsvDocumentTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("", "")]
    public void Fields_are_quoted_and_formulas_defused(string value, string expected)
    {
        Assert.Equal($"h\r\n{expected}\r\n", new CsvDocument("h").Row(value).ToString());
    }

    [Fact]
    public void Instants_are_written_in_utc_and_bytes_carry_a_byte_order_mark()
    {
        var csv = new CsvDocument("when", "n").Row(new DateTimeOffset(2026, 11, 25, 19, 30, 0, TimeSpan.FromHours(1)), 1234.5m);

        Assert.Equal("when,n\r\n2026-11-25 18:30:00Z,1234.5\r\n", csv.ToString());
        Assert.Equal([0xEF, 0xBB, 0xBF], csv.ToBytes()[..3]);
    }
}
