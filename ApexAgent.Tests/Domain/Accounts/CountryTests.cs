using ApexAgent.Domain.Accounts;

namespace ApexAgent.Tests.Domain.Accounts;

public sealed class CountryTests
{
    [Theory]
    [InlineData("DE")]
    [InlineData("US")]
    [InlineData("GB")]
    [InlineData(" de ")]
    public void A_profile_with_a_listed_country_is_accepted_and_normalised(string country)
    {
        var result = new ProfileDetails { DisplayName = "Ada", TimeZone = "Europe/Berlin", Country = country }.Validate();

        Assert.True(result.IsSuccess);
        Assert.Equal(country.Trim().ToUpperInvariant(), result.Value.Country);
    }

    [Theory]
    [InlineData("XX")]
    [InlineData("ZZ")]
    [InlineData("Germany")]
    [InlineData("DEU")]
    public void An_unknown_country_is_rejected(string country)
    {
        var result = new ProfileDetails { DisplayName = "Ada", Country = country }.Validate();

        Assert.False(result.IsSuccess);
        Assert.Equal([nameof(ProfileDetails.Country)], result.Error.Fields.Keys);
    }

    [Fact]
    public void Countries_contain_germany_the_united_states_and_the_united_kingdom()
    {
        var byCode = ProfileDetails.Countries.ToDictionary(c => c.Code, c => c.Name, StringComparer.Ordinal);

        Assert.Equal("Germany", byCode["DE"]);
        Assert.Equal("United States", byCode["US"]);
        Assert.Equal("United Kingdom", byCode["GB"]);
        Assert.False(byCode.ContainsKey("XX"));
    }

    [Fact]
    public void Countries_are_sorted_by_name_for_people_with_unique_two_letter_codes()
    {
        var countries = ProfileDetails.Countries;

        Assert.True(countries.Count > 100);
        Assert.Equal(countries.Select(c => c.Name).Order(StringComparer.InvariantCulture), countries.Select(c => c.Name));
        Assert.Equal(countries.Count, countries.Select(c => c.Code).Distinct(StringComparer.Ordinal).Count());
        Assert.All(countries, c => Assert.Matches("^[A-Z]{2}$", c.Code));
    }

    [Fact]
    public void Every_listed_country_is_accepted()
    {
        Assert.All(ProfileDetails.Countries, c => Assert.True(new ProfileDetails { DisplayName = "Ada", Country = c.Code }.Validate().IsSuccess, c.Code));
    }
}
