using System.Security.Cryptography;
using System.Text;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.ApiKeys;
using Microsoft.Extensions.Time.Testing;

namespace ApexAgent.Tests.Domain.ApiKeys;

public sealed class ApiKeyTests
{
    private static readonly Guid OrganizationId = Guid.Parse("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d");
    private const string UserId = "user-42";
    private static readonly DateTimeOffset Start = new(2026, 5, 10, 12, 0, 0, TimeSpan.Zero);

    private static ApiKey IssueKey(DateTimeOffset now, DateTimeOffset? expiresAt = null, ApiKeyMode mode = ApiKeyMode.Live) =>
        ApiKey.Issue(new NewApiKey("Deploy bot", mode, [Permission.ApiKeysRead], expiresAt), OrganizationId, UserId, now).Value.Key;

    [Fact]
    public void Issue_stores_the_normalised_request_and_who_owns_the_key()
    {
        var request = new NewApiKey("  Deploy bot  ", ApiKeyMode.Test, [Permission.ProfileRead, Permission.ApiKeysRead, Permission.ProfileRead], Start.AddDays(30));

        var issued = ApiKey.Issue(request, OrganizationId, UserId, Start).Value;

        var key = issued.Key;
        Assert.Equal(OrganizationId, key.OrganizationId);
        Assert.Equal(UserId, key.UserId);
        Assert.Equal("Deploy bot", key.Name);
        Assert.Equal(ApiKeyMode.Test, key.Mode);
        Assert.Equal(new[] { Permission.ApiKeysRead, Permission.ProfileRead }.Order(StringComparer.Ordinal), key.Scopes);
        Assert.Equal(Start, key.CreatedAt);
        Assert.Equal(Start.AddDays(30), key.ExpiresAt);
        Assert.Null(key.RevokedAt);
        Assert.Null(key.LastUsedAt);
        Assert.Null(key.ReplacedById);
        Assert.Equal(0, key.RequestCount);
        Assert.Equal(7, key.Id.Version);
    }

    [Theory]
    [InlineData(ApiKeyMode.Live, "apx_live_")]
    [InlineData(ApiKeyMode.Test, "apx_test_")]
    public void Issue_returns_a_secret_of_the_key_mode_and_stores_only_its_hash(ApiKeyMode mode, string prefix)
    {
        var issued = ApiKey.Issue(new NewApiKey("k", mode, [Permission.ApiKeysRead], null), OrganizationId, UserId, Start).Value;

        Assert.StartsWith(prefix, issued.Secret.Plaintext, StringComparison.Ordinal);
        Assert.True(ApiKeySecret.HasValidFormat(issued.Secret.Plaintext));
        Assert.Equal(Sha256Hex(issued.Secret.Plaintext), issued.Key.SecretHash);
        Assert.Equal(issued.Secret.Plaintext[..15], issued.Key.Prefix);
        Assert.DoesNotContain(issued.Secret.Plaintext[15..], issued.Key.Prefix, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_issued_key_has_its_own_id_and_secret()
    {
        var first = ApiKey.Issue(new NewApiKey("k", ApiKeyMode.Live, [Permission.ApiKeysRead], null), OrganizationId, UserId, Start).Value;
        var second = ApiKey.Issue(new NewApiKey("k", ApiKeyMode.Live, [Permission.ApiKeysRead], null), OrganizationId, UserId, Start).Value;

        Assert.NotEqual(first.Key.Id, second.Key.Id);
        Assert.NotEqual(first.Secret.Plaintext, second.Secret.Plaintext);
        Assert.NotEqual(first.Key.SecretHash, second.Key.SecretHash);
    }

    [Fact]
    public void Issue_refuses_an_invalid_request()
    {
        var result = ApiKey.Issue(new NewApiKey("", ApiKeyMode.Live, [], null), OrganizationId, UserId, Start);

        Assert.False(result.IsSuccess);
        Assert.Equal("validation_failed", result.Error.Code);
        Assert.Contains(nameof(NewApiKey.Name), result.Error.Fields.Keys);
        Assert.Contains(nameof(NewApiKey.Scopes), result.Error.Fields.Keys);
    }

    [Fact]
    public void A_key_is_active_until_its_expiry_and_expired_from_that_instant()
    {
        var expiry = Start.AddDays(30);
        var key = IssueKey(Start, expiry);

        Assert.Equal(ApiKeyState.Active, key.StateAt(Start));
        Assert.Equal(ApiKeyState.Active, key.StateAt(expiry.AddTicks(-1)));
        Assert.Equal(ApiKeyState.Expired, key.StateAt(expiry));
        Assert.Equal(ApiKeyState.Expired, key.StateAt(expiry.AddYears(1)));
        Assert.True(key.IsUsableAt(expiry.AddTicks(-1)));
        Assert.False(key.IsUsableAt(expiry));
    }

    [Fact]
    public void A_key_without_expiry_stays_active()
    {
        var key = IssueKey(Start);

        Assert.Equal(ApiKeyState.Active, key.StateAt(Start.AddYears(50)));
    }

    [Fact]
    public void Revoking_stops_the_key_at_once()
    {
        var clock = new FakeTimeProvider(Start);
        var key = IssueKey(clock.GetUtcNow(), Start.AddDays(30));
        clock.Advance(TimeSpan.FromHours(5));

        key.Revoke(clock.GetUtcNow());

        Assert.Equal(clock.GetUtcNow(), key.RevokedAt);
        Assert.Equal(ApiKeyState.Revoked, key.StateAt(clock.GetUtcNow()));
        Assert.False(key.IsUsableAt(clock.GetUtcNow()));
    }

    [Fact]
    public void Revoked_wins_over_expired()
    {
        var expiry = Start.AddDays(1);
        var key = IssueKey(Start, expiry);

        key.Revoke(Start.AddHours(1));

        Assert.Equal(ApiKeyState.Revoked, key.StateAt(expiry.AddDays(10)));
    }

    [Fact]
    public void Revoking_twice_keeps_the_first_revocation_time()
    {
        var clock = new FakeTimeProvider(Start);
        var key = IssueKey(clock.GetUtcNow());
        clock.Advance(TimeSpan.FromMinutes(10));
        var firstRevocation = clock.GetUtcNow();
        key.Revoke(firstRevocation);
        clock.Advance(TimeSpan.FromDays(2));

        key.Revoke(clock.GetUtcNow());

        Assert.Equal(firstRevocation, key.RevokedAt);
        Assert.Equal(ApiKeyState.Revoked, key.StateAt(clock.GetUtcNow()));
    }

    [Fact]
    public void Revoking_an_expired_key_records_the_revocation()
    {
        var key = IssueKey(Start, Start.AddDays(1));

        key.Revoke(Start.AddDays(3));

        Assert.Equal(Start.AddDays(3), key.RevokedAt);
        Assert.Equal(ApiKeyState.Revoked, key.StateAt(Start.AddDays(3)));
    }

    private static string Sha256Hex(string text)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return string.Concat(digest.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
