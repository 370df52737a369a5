using ApexAgent.Portal.Integrations.Sandbox;

namespace ApexAgent.Tests.Portal.Billing;

public sealed class SandboxCardVaultTests
{
    private static readonly DateTimeOffset Now = new(2027, 6, 15, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("4242424242424242", SandboxCard.Succeeds, "4242")]
    [InlineData("4242 4242 4242 4242", SandboxCard.Succeeds, "4242")]
    [InlineData("4000-0000-0000-0002", SandboxCard.Declined, "0002")]
    [InlineData("4000000000009995", SandboxCard.InsufficientFunds, "9995")]
    [InlineData("4000000000000119", SandboxCard.Transient, "0119")]
    public void Test_cards_become_tokens_that_describe_them_without_the_number(string number, SandboxCard behaviour, string last4)
    {
        var saved = SandboxCardVault.Tokenise(number, 7, 2029, "123", Now);
        Assert.True(saved.IsSuccess, saved.Error?.Message);
        var token = saved.Value.Token;
        Assert.StartsWith(SandboxCardVault.TokenPrefix, token, StringComparison.Ordinal);
        Assert.DoesNotContain(number.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal), token, StringComparison.Ordinal);
        Assert.Equal(behaviour, SandboxCardVault.BehaviourOf(token));
        var described = SandboxCardVault.Describe(token)!;
        Assert.Equal((last4, 7, 2029, "Visa"), (described.Last4, described.ExpMonth, described.ExpYear, described.Brand));
        Assert.NotEqual(token, SandboxCardVault.Tokenise(number, 7, 2029, "123", Now).Value.Token); // a new token every time
    }

    [Theory]
    [InlineData("4242424242424241", "number")] // fails Luhn
    [InlineData("42424242", "number")]
    [InlineData("4242abcd42424242", "number")]
    [InlineData(null, "number")]
    public void Invalid_numbers_are_refused(string? number, string field)
    {
        var saved = SandboxCardVault.Tokenise(number, 7, 2029, "123", Now);
        Assert.False(saved.IsSuccess);
        Assert.Contains(field, saved.Error!.Fields!.Keys);
    }

    [Fact]
    public void A_real_looking_card_that_passes_luhn_is_refused_in_the_sandbox()
    {
        var saved = SandboxCardVault.Tokenise("5555555555554444", 7, 2029, "123", Now);
        Assert.Equal("sandbox_test_card_required", saved.Error!.Code);
    }

    [Theory]
    [InlineData(5, 2027, false)]
    [InlineData(6, 2027, true)]
    [InlineData(12, 2026, false)]
    [InlineData(13, 2028, false)]
    [InlineData(1, 2048, false)]
    public void Expiry_must_be_this_month_or_later(int month, int year, bool ok) =>
        Assert.Equal(ok, SandboxCardVault.Tokenise("4242424242424242", month, year, "123", Now).IsSuccess);

    [Theory]
    [InlineData("12")]
    [InlineData("12a")]
    [InlineData(null)]
    public void The_security_code_has_three_or_four_digits(string? cvc) =>
        Assert.False(SandboxCardVault.Tokenise("4242424242424242", 7, 2029, cvc, Now).IsSuccess);

    [Theory]
    [InlineData(null)]
    [InlineData("pm_123")]
    [InlineData("sbx_pm_ok_4242_0729")]
    [InlineData("sbx_pm_zz_4242_0729_abcd")]
    public void Anything_but_a_sandbox_token_describes_nothing(string? token) => Assert.Null(SandboxCardVault.Describe(token));
}
