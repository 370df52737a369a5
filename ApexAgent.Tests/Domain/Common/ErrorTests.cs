using ApexAgent.Domain.Common;

namespace ApexAgent.Tests.Domain.Common;

public sealed class ErrorTests
{
    [Fact]
    public void A_new_error_is_a_validation_error_without_fields_by_default()
    {
        var error = new Error("something_wrong", "Something is wrong.");

        Assert.Equal(ErrorKind.Validation, error.Kind);
        Assert.Empty(error.Fields);
    }

    [Fact]
    public void Invalid_carries_the_fields_and_a_stable_code()
    {
        var fields = new Dictionary<string, string[]>
        {
            ["Name"] = ["Name is required."],
            ["Seats"] = ["Seats must be positive.", "Seats must be at most 100."],
        };

        var error = Error.Invalid(fields);

        Assert.Equal("validation_failed", error.Code);
        Assert.Equal(ErrorKind.Validation, error.Kind);
        Assert.Equal(new[] { "Name", "Seats" }, error.Fields.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new[] { "Seats must be positive.", "Seats must be at most 100." }, error.Fields["Seats"]);
    }

    [Fact]
    public void Invalid_message_lists_every_field_message()
    {
        var error = Error.Invalid(new Dictionary<string, string[]>
        {
            ["Name"] = ["Name is required."],
            ["Seats"] = ["Seats must be positive.", "Seats must be at most 100."],
        });

        Assert.Contains("Name is required.", error.Message, StringComparison.Ordinal);
        Assert.Contains("Seats must be positive.", error.Message, StringComparison.Ordinal);
        Assert.Contains("Seats must be at most 100.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NotFound_names_the_thing_in_its_code_and_message()
    {
        var error = Error.NotFound("api_key", "API key");

        Assert.Equal("api_key_not_found", error.Code);
        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Contains("API key", error.Message, StringComparison.Ordinal);
    }
}
