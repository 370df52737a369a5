using ApexAgent.Domain.Common;

namespace ApexAgent.Tests.Domain.Common;

public sealed class ResultTests
{
    private static readonly Error Declined = new("card_declined", "The card was declined.", ErrorKind.Conflict);

    [Fact]
    public void Success_carries_the_value_and_no_error()
    {
        var result = Result<string>.Success("paid");

        Assert.True(result.IsSuccess);
        Assert.Null(result.Error);
        Assert.Equal("paid", result.Value);
    }

    [Fact]
    public void Failure_carries_the_error_and_is_not_a_success()
    {
        var result = Result<string>.Failure(Declined);

        Assert.False(result.IsSuccess);
        Assert.Same(Declined, result.Error);
    }

    [Fact]
    public void Reading_the_value_of_a_failure_throws_and_names_the_error_code()
    {
        var result = Result<int>.Failure(Declined);

        var exception = Assert.Throws<InvalidOperationException>(() => result.Value);
        Assert.Contains("card_declined", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_converts_implicitly_to_a_success()
    {
        Result<int> result = 42;

        Assert.True(result.IsSuccess);
        Assert.Equal(42, result.Value);
    }

    [Fact]
    public void An_error_converts_implicitly_to_a_failure()
    {
        Result<int> result = Declined;

        Assert.False(result.IsSuccess);
        Assert.Equal("card_declined", result.Error.Code);
    }

    [Fact]
    public void Map_transforms_the_value_of_a_success()
    {
        Result<int> result = 21;

        var mapped = result.Map(v => $"{v * 2} credits");

        Assert.True(mapped.IsSuccess);
        Assert.Equal("42 credits", mapped.Value);
    }

    [Fact]
    public void Map_of_a_failure_keeps_the_error_and_never_calls_the_function()
    {
        Result<int> result = Declined;
        var called = false;

        var mapped = result.Map(v =>
        {
            called = true;
            return v.ToString(System.Globalization.CultureInfo.InvariantCulture);
        });

        Assert.False(called);
        Assert.False(mapped.IsSuccess);
        Assert.Same(Declined, mapped.Error);
    }

    [Fact]
    public void Map_chains_several_steps()
    {
        Result<int> result = 3;

        var mapped = result.Map(v => v + 1).Map(v => v * 10).Map(v => new Millicredits(v));

        Assert.Equal(new Millicredits(40), mapped.Value);
    }
}
