using System.Globalization;
using ApexAgent.Domain.Common;

namespace ApexAgent.Tests.Domain.Common;

public sealed class MillicreditsTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1_000)]
    [InlineData(12_500, 12_500_000)]
    [InlineData(-3, -3_000)]
    public void FromCredits_counts_a_thousand_millicredits_per_credit(long credits, long expectedMillicredits)
    {
        Assert.Equal(expectedMillicredits, Millicredits.FromCredits(credits).Value);
    }

    [Fact]
    public void FromCredits_overflow_throws()
    {
        Assert.Throws<OverflowException>(() => Millicredits.FromCredits((long.MaxValue / 1_000) + 1));
        Assert.Throws<OverflowException>(() => Millicredits.FromCredits((long.MinValue / 1_000) - 1));
    }

    [Fact]
    public void FromCredits_accepts_the_largest_whole_number_of_credits_that_fits()
    {
        var largest = long.MaxValue / 1_000;

        Assert.Equal(largest * 1_000, Millicredits.FromCredits(largest).Value);
    }

    [Theory]
    [InlineData(1_500, "1.5")]
    [InlineData(1, "0.001")]
    [InlineData(500, "0.5")]
    [InlineData(-250, "-0.25")]
    [InlineData(12_500_000, "12500")]
    [InlineData(0, "0")]
    public void Credits_is_the_exact_decimal_number_of_credits(long millicredits, string expected)
    {
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), new Millicredits(millicredits).Credits);
    }

    [Theory]
    [InlineData(12_500_000, "12,500 credits")]
    [InlineData(500, "0.5 credits")]
    [InlineData(1, "0.001 credits")]
    [InlineData(0, "0 credits")]
    [InlineData(1_234_567_890, "1,234,567.89 credits")]
    [InlineData(1_000_000_000_000, "1,000,000,000 credits")]
    [InlineData(-1_500, "-1.5 credits")]
    [InlineData(250, "0.25 credits")]
    public void Format_uses_thousands_separators_and_drops_trailing_zero_decimals(long millicredits, string expected)
    {
        Assert.Equal(expected, new Millicredits(millicredits).Format());
    }

    [Fact]
    public void Format_does_not_depend_on_the_current_culture()
    {
        var original = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal("12,500.5 credits", new Millicredits(12_500_500).Format());
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }

    [Fact]
    public void ToString_is_the_people_facing_format()
    {
        Assert.Equal("0.5 credits", new Millicredits(500).ToString());
    }

    [Fact]
    public void Adding_subtracting_and_multiplying_work_on_millicredits()
    {
        var a = new Millicredits(1_500);
        var b = new Millicredits(700);

        Assert.Equal(new Millicredits(2_200), a + b);
        Assert.Equal(new Millicredits(800), a - b);
        Assert.Equal(new Millicredits(-800), b - a);
        Assert.Equal(new Millicredits(4_500), a * 3);
        Assert.Equal(Millicredits.Zero, a * 0);
    }

    [Fact]
    public void Comparisons_order_by_amount()
    {
        var small = new Millicredits(-1);
        var large = new Millicredits(1);

        Assert.True(small < large);
        Assert.False(large < small);
        Assert.True(large > small);
        Assert.False(small > large);
        Assert.True(small <= large);
        Assert.True(small <= new Millicredits(-1));
        Assert.False(large <= small);
        Assert.True(large >= small);
        Assert.True(large >= new Millicredits(1));
        Assert.False(small >= large);
        Assert.True(small.CompareTo(large) < 0);
        Assert.Equal(0, large.CompareTo(new Millicredits(1)));
        Assert.True(large.CompareTo(small) > 0);
    }

    [Fact]
    public void Sorting_uses_the_amount()
    {
        var values = new[] { new Millicredits(300), new Millicredits(-5), new Millicredits(0), new Millicredits(42) };

        var sorted = values.Order().Select(m => m.Value).ToArray();

        Assert.Equal(new long[] { -5, 0, 42, 300 }, sorted);
    }

    [Fact]
    public void Overflow_is_checked()
    {
        Assert.Throws<OverflowException>(() => new Millicredits(long.MaxValue) + new Millicredits(1));
        Assert.Throws<OverflowException>(() => new Millicredits(long.MinValue) - new Millicredits(1));
        Assert.Throws<OverflowException>(() => new Millicredits(long.MaxValue) * 2);
        Assert.Throws<OverflowException>(() => new Millicredits(long.MinValue) * -1);
    }

    [Fact]
    public void Zero_has_no_millicredits()
    {
        Assert.Equal(0, Millicredits.Zero.Value);
        Assert.Equal(default, Millicredits.Zero);
    }
}
