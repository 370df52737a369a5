using ApexAgent.Domain.Accounts;

namespace ApexAgent.Tests.Domain.Accounts;

/// <summary>
/// Profile rules that leave Country empty. Any non-empty Country makes Validate build the country list,
/// which today fails on Linux/ICU (new RegionInfo("EH") throws), so country rules are not covered here.
/// </summary>
public sealed class ProfileDetailsTests
{
    private static ProfileDetails Valid() => new()
    {
        DisplayName = "Ada Lovelace",
        Company = "Analytical Engines Ltd",
        AddressLine1 = "12 St James's Square",
        AddressLine2 = "Floor 2",
        City = "London",
        Region = "Greater London",
        PostalCode = "SW1Y 4JH",
        TaxId = "GB123456789",
        TimeZone = "Europe/London",
    };

    private static void AssertOnlyFieldInvalid(ProfileDetails profile, string field)
    {
        var result = profile.Validate();

        Assert.False(result.IsSuccess);
        Assert.Equal("validation_failed", result.Error.Code);
        Assert.Equal(new[] { field }, result.Error.Fields.Keys);
    }

    [Fact]
    public void A_valid_profile_is_accepted()
    {
        var result = Valid().Validate();

        Assert.True(result.IsSuccess);
        Assert.Equal(Valid(), result.Value);
    }

    [Fact]
    public void A_valid_profile_is_normalised()
    {
        var profile = new ProfileDetails
        {
            DisplayName = "  Ada Lovelace \t",
            Company = "   ",
            AddressLine1 = " 12 St James's Square ",
            AddressLine2 = "",
            City = "\tLondon\n",
            Region = " ",
            PostalCode = " SW1Y 4JH ",
            TaxId = " gb 123 456 789 ",
            TimeZone = "Europe/London",
        };

        var normalised = profile.Validate().Value;

        Assert.Equal("Ada Lovelace", normalised.DisplayName);
        Assert.Null(normalised.Company);
        Assert.Equal("12 St James's Square", normalised.AddressLine1);
        Assert.Null(normalised.AddressLine2);
        Assert.Equal("London", normalised.City);
        Assert.Null(normalised.Region);
        Assert.Equal("SW1Y 4JH", normalised.PostalCode);
        Assert.Equal("GB123456789", normalised.TaxId);
        Assert.Equal("Europe/London", normalised.TimeZone);
        Assert.Null(normalised.Country);
    }

    [Fact]
    public void Normalising_leaves_the_submitted_profile_untouched()
    {
        var profile = Valid() with { DisplayName = "  Ada  ", TaxId = "gb 1" };

        profile.Validate();

        Assert.Equal("  Ada  ", profile.DisplayName);
        Assert.Equal("gb 1", profile.TaxId);
    }

    [Fact]
    public void A_blank_tax_id_becomes_null()
    {
        Assert.Null((Valid() with { TaxId = "   " }).Validate().Value.TaxId);
    }

    [Fact]
    public void An_empty_country_means_no_country()
    {
        Assert.Null((Valid() with { Country = "" }).Validate().Value.Country);
        Assert.Null((Valid() with { Country = null }).Validate().Value.Country);
    }

    [Fact]
    public void A_new_profile_defaults_to_utc()
    {
        var profile = new ProfileDetails { DisplayName = "Ada" };

        var result = profile.Validate();

        Assert.True(result.IsSuccess);
        Assert.Equal("UTC", result.Value.TimeZone);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_missing_name_is_rejected(string name)
    {
        AssertOnlyFieldInvalid(Valid() with { DisplayName = name }, nameof(ProfileDetails.DisplayName));
    }

    [Theory]
    [InlineData("Mars/Olympus")]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("Europe/Atlantis")]
    [InlineData("GMT+25")]
    public void An_unknown_time_zone_is_rejected(string timeZone)
    {
        AssertOnlyFieldInvalid(Valid() with { TimeZone = timeZone }, nameof(ProfileDetails.TimeZone));
    }

    [Fact]
    public void A_time_zone_id_longer_than_64_characters_is_rejected()
    {
        AssertOnlyFieldInvalid(Valid() with { TimeZone = "Europe/" + new string('x', 58) }, nameof(ProfileDetails.TimeZone));
    }

    [Theory]
    [InlineData("UTC")]
    [InlineData("Europe/Berlin")]
    [InlineData("America/New_York")]
    [InlineData("Asia/Kolkata")]
    [InlineData("Australia/Sydney")]
    public void IsKnownTimeZone_accepts_iana_ids(string id)
    {
        Assert.True(ProfileDetails.IsKnownTimeZone(id));
        Assert.True((Valid() with { TimeZone = id }).Validate().IsSuccess);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("Mars/Olympus")]
    [InlineData("Not a zone")]
    public void IsKnownTimeZone_rejects_unknown_or_missing_ids(string? id)
    {
        Assert.False(ProfileDetails.IsKnownTimeZone(id));
    }

    public static TheoryData<string, int> LengthLimits => new()
    {
        { nameof(ProfileDetails.DisplayName), 100 },
        { nameof(ProfileDetails.Company), 200 },
        { nameof(ProfileDetails.AddressLine1), 200 },
        { nameof(ProfileDetails.AddressLine2), 200 },
        { nameof(ProfileDetails.City), 100 },
        { nameof(ProfileDetails.Region), 100 },
        { nameof(ProfileDetails.PostalCode), 20 },
        { nameof(ProfileDetails.TaxId), 40 },
    };

    [Theory]
    [MemberData(nameof(LengthLimits))]
    public void A_field_one_character_over_its_limit_is_rejected(string field, int limit)
    {
        AssertOnlyFieldInvalid(WithField(Valid(), field, new string('A', limit + 1)), field);
    }

    [Theory]
    [MemberData(nameof(LengthLimits))]
    public void A_field_exactly_at_its_limit_is_accepted(string field, int limit)
    {
        var result = WithField(Valid(), field, new string('A', limit)).Validate();

        Assert.True(result.IsSuccess);
    }

    [Fact]
    public void Every_invalid_field_is_reported_at_once()
    {
        var profile = Valid() with { DisplayName = "", City = new string('c', 101), TimeZone = "Mars/Olympus" };

        var result = profile.Validate();

        Assert.False(result.IsSuccess);
        Assert.Equal(
            new[] { nameof(ProfileDetails.City), nameof(ProfileDetails.DisplayName), nameof(ProfileDetails.TimeZone) },
            result.Error.Fields.Keys.Order(StringComparer.Ordinal));
    }

    private static ProfileDetails WithField(ProfileDetails profile, string field, string value) => field switch
    {
        nameof(ProfileDetails.DisplayName) => profile with { DisplayName = value },
        nameof(ProfileDetails.Company) => profile with { Company = value },
        nameof(ProfileDetails.AddressLine1) => profile with { AddressLine1 = value },
        nameof(ProfileDetails.AddressLine2) => profile with { AddressLine2 = value },
        nameof(ProfileDetails.City) => profile with { City = value },
        nameof(ProfileDetails.Region) => profile with { Region = value },
        nameof(ProfileDetails.PostalCode) => profile with { PostalCode = value },
        nameof(ProfileDetails.TaxId) => profile with { TaxId = value },
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "No such profile field."),
    };
}
