using ApexAgent.Domain.Common;

namespace ApexAgent.Tests.Domain.Common;

public sealed class FieldErrorsTests
{
    [Fact]
    public void Nothing_is_collected_while_every_condition_holds()
    {
        var errors = new FieldErrors()
            .Require(true, "Name", "Name is required.")
            .MaxLength("short", 10, "Name", "Name")
            .MaxLength(null, 10, "Company", "Company");

        Assert.False(errors.Any);
    }

    [Fact]
    public void A_failed_condition_is_recorded_under_its_field()
    {
        var error = new FieldErrors()
            .Require(false, "Name", "Name is required.")
            .ToError();

        Assert.Equal("validation_failed", error.Code);
        var (field, messages) = Assert.Single(error.Fields);
        Assert.Equal("Name", field);
        Assert.Equal(new[] { "Name is required." }, messages);
    }

    [Fact]
    public void Several_messages_for_one_field_are_all_kept_in_order()
    {
        var errors = new FieldErrors()
            .Require(false, "Scopes", "Choose at least one scope.")
            .Require(true, "Scopes", "never shown")
            .Require(false, "Scopes", "Unknown scopes: x.");

        Assert.True(errors.Any);
        Assert.Equal(new[] { "Choose at least one scope.", "Unknown scopes: x." }, errors.ToError().Fields["Scopes"]);
    }

    [Fact]
    public void Messages_for_different_fields_are_kept_apart()
    {
        var error = new FieldErrors()
            .Require(false, "Name", "Name is required.")
            .Require(false, "Seats", "Seats must be positive.")
            .Require(false, "Name", "Name must be at most 5 characters.")
            .ToError();

        Assert.Equal(2, error.Fields.Count);
        Assert.Equal(new[] { "Name is required.", "Name must be at most 5 characters." }, error.Fields["Name"]);
        Assert.Equal(new[] { "Seats must be positive." }, error.Fields["Seats"]);
    }

    [Fact]
    public void Field_names_are_case_sensitive()
    {
        var error = new FieldErrors()
            .Require(false, "name", "a")
            .Require(false, "Name", "b")
            .ToError();

        Assert.Equal(2, error.Fields.Count);
    }

    [Theory]
    [InlineData(5, false)]
    [InlineData(6, true)]
    [InlineData(0, false)]
    public void MaxLength_allows_exactly_the_limit_and_rejects_one_more(int length, bool rejected)
    {
        var errors = new FieldErrors().MaxLength(new string('x', length), 5, "City", "City");

        Assert.Equal(rejected, errors.Any);
    }

    [Fact]
    public void MaxLength_message_names_the_label_and_the_limit()
    {
        var error = new FieldErrors().MaxLength("abcdef", 5, "PostalCode", "Postal code").ToError();

        Assert.Equal(new[] { "Postal code must be at most 5 characters." }, error.Fields["PostalCode"]);
    }

    [Fact]
    public void The_error_is_a_snapshot_that_later_failures_do_not_change()
    {
        var errors = new FieldErrors().Require(false, "Name", "first");
        var error = errors.ToError();

        errors.Require(false, "Name", "second").Require(false, "City", "third");

        Assert.Equal(new[] { "first" }, error.Fields["Name"]);
        Assert.False(error.Fields.ContainsKey("City"));
    }
}
