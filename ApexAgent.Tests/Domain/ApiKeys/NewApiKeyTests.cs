using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.ApiKeys;

namespace ApexAgent.Tests.Domain.ApiKeys;

public sealed class NewApiKeyTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 10, 12, 0, 0, TimeSpan.Zero);

    private static NewApiKey Valid() => new("CI deploy", ApiKeyMode.Live, [Permission.ApiKeysRead], Now.AddDays(90));

    private static void AssertOnlyFieldInvalid(NewApiKey request, string field)
    {
        var result = request.Validate(Now);

        Assert.False(result.IsSuccess);
        Assert.Equal("validation_failed", result.Error.Code);
        Assert.Equal(new[] { field }, result.Error.Fields.Keys);
    }

    [Fact]
    public void A_valid_request_is_accepted_unchanged_in_substance()
    {
        var result = Valid().Validate(Now);

        Assert.True(result.IsSuccess);
        Assert.Equal("CI deploy", result.Value.Name);
        Assert.Equal(ApiKeyMode.Live, result.Value.Mode);
        Assert.Equal(new[] { Permission.ApiKeysRead }, result.Value.Scopes);
        Assert.Equal(Now.AddDays(90), result.Value.ExpiresAt);
    }

    [Fact]
    public void The_name_is_trimmed()
    {
        var result = (Valid() with { Name = "  \tCI deploy \n" }).Validate(Now);

        Assert.Equal("CI deploy", result.Value.Name);
    }

    [Fact]
    public void Scopes_are_deduplicated_and_sorted()
    {
        var request = Valid() with
        {
            Scopes = [Permission.ProfileRead, Permission.ApiKeysManage, Permission.ProfileRead, Permission.ApiKeysRead, Permission.ApiKeysManage],
        };

        var result = request.Validate(Now);

        var expected = new[] { Permission.ApiKeysManage, Permission.ApiKeysRead, Permission.ProfileRead }.Order(StringComparer.Ordinal);
        Assert.Equal(expected, result.Value.Scopes);
    }

    [Fact]
    public void Validating_does_not_change_the_request()
    {
        var scopes = new List<string> { Permission.ProfileRead, Permission.ApiKeysRead, Permission.ProfileRead };
        var request = Valid() with { Name = " padded ", Scopes = scopes };

        request.Validate(Now);

        Assert.Equal(" padded ", request.Name);
        Assert.Equal(new[] { Permission.ProfileRead, Permission.ApiKeysRead, Permission.ProfileRead }, scopes);
    }

    [Theory]
    [InlineData(ApiKeyMode.Live)]
    [InlineData(ApiKeyMode.Test)]
    public void Both_modes_are_accepted(ApiKeyMode mode)
    {
        Assert.True((Valid() with { Mode = mode }).Validate(Now).IsSuccess);
    }

    [Fact]
    public void Every_api_key_scope_is_accepted_together()
    {
        var result = (Valid() with { Scopes = Permission.ApiKeyScopes }).Validate(Now);

        Assert.True(result.IsSuccess);
        Assert.Equal(Permission.ApiKeyScopes.Order(StringComparer.Ordinal), result.Value.Scopes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void A_missing_name_is_rejected(string name)
    {
        AssertOnlyFieldInvalid(Valid() with { Name = name }, nameof(NewApiKey.Name));
    }

    [Fact]
    public void A_name_of_81_characters_is_rejected_and_80_accepted()
    {
        AssertOnlyFieldInvalid(Valid() with { Name = new string('k', 81) }, nameof(NewApiKey.Name));
        Assert.True((Valid() with { Name = new string('k', 80) }).Validate(Now).IsSuccess);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(-1)]
    public void An_unknown_mode_is_rejected(int mode)
    {
        AssertOnlyFieldInvalid(Valid() with { Mode = (ApiKeyMode)mode }, nameof(NewApiKey.Mode));
    }

    [Fact]
    public void No_scopes_are_rejected()
    {
        AssertOnlyFieldInvalid(Valid() with { Scopes = [] }, nameof(NewApiKey.Scopes));
    }

    [Theory]
    [InlineData("billing.everything")]
    [InlineData("APIKEYS.READ")]
    [InlineData(" apikeys.read")]
    [InlineData("")]
    [InlineData(Permission.CatalogManage)]
    [InlineData(Permission.SupportAccountsRead)]
    [InlineData(Permission.ProfileManage)]
    public void A_scope_an_api_key_may_not_carry_is_rejected_and_named(string scope)
    {
        var request = Valid() with { Scopes = [Permission.ApiKeysRead, scope] };

        AssertOnlyFieldInvalid(request, nameof(NewApiKey.Scopes));
        var message = Assert.Single(request.Validate(Now).Error!.Fields[nameof(NewApiKey.Scopes)]);
        Assert.Contains($"Unknown scopes: {scope}.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_expiry_is_accepted()
    {
        var result = (Valid() with { ExpiresAt = null }).Validate(Now);

        Assert.True(result.IsSuccess);
        Assert.Null(result.Value.ExpiresAt);
    }

    [Fact]
    public void An_expiry_now_or_in_the_past_is_rejected()
    {
        AssertOnlyFieldInvalid(Valid() with { ExpiresAt = Now }, nameof(NewApiKey.ExpiresAt));
        AssertOnlyFieldInvalid(Valid() with { ExpiresAt = Now.AddSeconds(-1) }, nameof(NewApiKey.ExpiresAt));
        Assert.True((Valid() with { ExpiresAt = Now.AddTicks(1) }).Validate(Now).IsSuccess);
    }

    [Fact]
    public void An_expiry_more_than_three_years_ahead_is_rejected()
    {
        var threeYears = TimeSpan.FromDays(3 * 365);

        Assert.True((Valid() with { ExpiresAt = Now + threeYears }).Validate(Now).IsSuccess);
        AssertOnlyFieldInvalid(Valid() with { ExpiresAt = Now + threeYears + TimeSpan.FromTicks(1) }, nameof(NewApiKey.ExpiresAt));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var request = new NewApiKey(" ", (ApiKeyMode)9, ["nope"], Now.AddDays(-1));

        var result = request.Validate(Now);

        Assert.False(result.IsSuccess);
        Assert.Equal(
            new[] { nameof(NewApiKey.ExpiresAt), nameof(NewApiKey.Mode), nameof(NewApiKey.Name), nameof(NewApiKey.Scopes) },
            result.Error.Fields.Keys.Order(StringComparer.Ordinal));
    }
}
