using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.ApiKeys;
using ApexAgent.Domain.Common;
using Microsoft.Extensions.Time.Testing;

namespace ApexAgent.Tests.Domain.ApiKeys;

public sealed class ApiKeyRotationTests
{
    private static readonly Guid OrganizationId = Guid.Parse("9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b");
    private const string UserId = "user-7";
    private static readonly DateTimeOffset Start = new(2026, 2, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly string[] Scopes = [Permission.ProfileRead, Permission.ApiKeysManage];

    private static ApiKey IssueKey(DateTimeOffset now, DateTimeOffset? expiresAt = null, ApiKeyMode mode = ApiKeyMode.Live) =>
        ApiKey.Issue(new NewApiKey("Nightly sync", mode, Scopes, expiresAt), OrganizationId, UserId, now).Value.Key;

    [Theory]
    [InlineData(ApiKeyMode.Live)]
    [InlineData(ApiKeyMode.Test)]
    public void The_successor_has_the_same_name_mode_scopes_and_owner(ApiKeyMode mode)
    {
        var clock = new FakeTimeProvider(Start);
        var key = IssueKey(clock.GetUtcNow(), mode: mode);
        clock.Advance(TimeSpan.FromDays(3));

        var successor = key.Rotate(clock.GetUtcNow(), TimeSpan.FromHours(24)).Value;

        Assert.Equal(key.Name, successor.Key.Name);
        Assert.Equal(mode, successor.Key.Mode);
        Assert.Equal(key.Scopes, successor.Key.Scopes);
        Assert.Equal(OrganizationId, successor.Key.OrganizationId);
        Assert.Equal(UserId, successor.Key.UserId);
        Assert.Equal(ApiKeySecret.PrefixFor(mode), successor.Secret.Plaintext[..9]);
        Assert.Equal(clock.GetUtcNow(), successor.Key.CreatedAt);
    }

    [Fact]
    public void The_successor_is_a_new_key_that_the_old_one_points_to()
    {
        var key = IssueKey(Start);

        var successor = key.Rotate(Start.AddDays(1), TimeSpan.FromHours(1)).Value;

        Assert.NotEqual(key.Id, successor.Key.Id);
        Assert.NotEqual(key.SecretHash, successor.Key.SecretHash);
        Assert.Equal(ApiKeySecret.HashOf(successor.Secret.Plaintext), successor.Key.SecretHash);
        Assert.Equal(successor.Key.Id, key.ReplacedById);
        Assert.Null(successor.Key.ReplacedById);
        Assert.Equal(ApiKeyState.Active, successor.Key.StateAt(Start.AddDays(1)));
    }

    [Fact]
    public void Rotating_keeps_the_old_key_working_for_the_grace_period()
    {
        var clock = new FakeTimeProvider(Start);
        var key = IssueKey(clock.GetUtcNow());
        clock.Advance(TimeSpan.FromDays(10));
        var rotatedAt = clock.GetUtcNow();
        var grace = TimeSpan.FromHours(48);

        key.Rotate(rotatedAt, grace);

        Assert.Equal(rotatedAt + grace, key.ExpiresAt);
        clock.Advance(grace - TimeSpan.FromTicks(1));
        Assert.True(key.IsUsableAt(clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(ApiKeyState.Expired, key.StateAt(clock.GetUtcNow()));
    }

    [Fact]
    public void Rotating_never_extends_the_old_key_beyond_its_own_expiry()
    {
        var ownExpiry = Start.AddDays(30);
        var key = IssueKey(Start, ownExpiry);
        var rotatedAt = ownExpiry.AddHours(-6);

        key.Rotate(rotatedAt, TimeSpan.FromDays(2));

        Assert.Equal(ownExpiry, key.ExpiresAt);
        Assert.Equal(ApiKeyState.Expired, key.StateAt(ownExpiry));
    }

    [Fact]
    public void Rotating_shortens_the_old_key_to_the_grace_end_when_that_comes_first()
    {
        var key = IssueKey(Start, Start.AddDays(30));
        var rotatedAt = Start.AddDays(5);

        key.Rotate(rotatedAt, TimeSpan.FromHours(12));

        Assert.Equal(rotatedAt.AddHours(12), key.ExpiresAt);
    }

    [Fact]
    public void Rotating_without_grace_stops_the_old_key_at_once()
    {
        var key = IssueKey(Start);
        var rotatedAt = Start.AddDays(1);

        var successor = key.Rotate(rotatedAt, TimeSpan.Zero);

        Assert.True(successor.IsSuccess);
        Assert.Equal(rotatedAt, key.ExpiresAt);
        Assert.Equal(ApiKeyState.Expired, key.StateAt(rotatedAt));
    }

    [Fact]
    public void The_longest_grace_is_seven_days()
    {
        var key = IssueKey(Start);

        var result = key.Rotate(Start, TimeSpan.FromDays(7));

        Assert.True(result.IsSuccess);
        Assert.Equal(Start.AddDays(7), key.ExpiresAt);
        Assert.Equal(TimeSpan.FromDays(7), ApiKey.LongestRotationGrace);
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(-36_000_000_000L)]
    [InlineData(6_048_000_000_001L)]
    [InlineData(6_048_000_000_000L + 36_000_000_000L)]
    public void A_grace_outside_zero_to_seven_days_is_rejected_and_changes_nothing(long graceTicks)
    {
        var key = IssueKey(Start, Start.AddDays(60));

        var result = key.Rotate(Start.AddDays(1), TimeSpan.FromTicks(graceTicks));

        Assert.False(result.IsSuccess);
        Assert.Equal("validation_failed", result.Error.Code);
        Assert.Equal(new[] { "GraceHours" }, result.Error.Fields.Keys);
        Assert.Equal(Start.AddDays(60), key.ExpiresAt);
        Assert.Null(key.ReplacedById);
        Assert.True(key.IsUsableAt(Start.AddDays(30)));
    }

    [Fact]
    public void Rotating_a_revoked_key_fails_as_not_active()
    {
        var key = IssueKey(Start);
        key.Revoke(Start.AddHours(1));

        var result = key.Rotate(Start.AddHours(2), TimeSpan.FromHours(1));

        Assert.False(result.IsSuccess);
        Assert.Equal("api_key_not_active", result.Error.Code);
        Assert.Equal(ErrorKind.Conflict, result.Error.Kind);
        Assert.Null(key.ReplacedById);
        Assert.Null(key.ExpiresAt);
    }

    [Fact]
    public void Rotating_an_expired_key_fails_as_not_active()
    {
        var expiry = Start.AddDays(7);
        var key = IssueKey(Start, expiry);

        var atExpiry = key.Rotate(expiry, TimeSpan.FromHours(1));
        var later = key.Rotate(expiry.AddDays(1), TimeSpan.FromHours(1));

        Assert.Equal("api_key_not_active", atExpiry.Error?.Code);
        Assert.Equal("api_key_not_active", later.Error?.Code);
        Assert.Equal(expiry, key.ExpiresAt);
        Assert.Null(key.ReplacedById);
    }

    [Fact]
    public void Not_active_is_reported_before_an_invalid_grace()
    {
        var key = IssueKey(Start);
        key.Revoke(Start);

        var result = key.Rotate(Start.AddHours(1), TimeSpan.FromDays(30));

        Assert.Equal("api_key_not_active", result.Error?.Code);
    }

    [Fact]
    public void The_successor_keeps_the_original_lifetime()
    {
        var clock = new FakeTimeProvider(Start);
        var lifetime = TimeSpan.FromDays(90);
        var key = IssueKey(clock.GetUtcNow(), clock.GetUtcNow() + lifetime);
        clock.Advance(TimeSpan.FromDays(30));

        var successor = key.Rotate(clock.GetUtcNow(), TimeSpan.FromDays(1)).Value;

        Assert.Equal(clock.GetUtcNow() + lifetime, successor.Key.ExpiresAt);
    }

    [Fact]
    public void A_successor_of_a_key_at_the_longest_lifetime_is_still_valid()
    {
        var lifetime = NewApiKey.LongestLifetime;
        var key = IssueKey(Start, Start + lifetime);
        var rotatedAt = Start.AddDays(400);

        var successor = key.Rotate(rotatedAt, TimeSpan.FromDays(1));

        Assert.True(successor.IsSuccess);
        Assert.Equal(rotatedAt + lifetime, successor.Value.Key.ExpiresAt);
    }

    [Fact]
    public void The_successor_of_a_key_without_expiry_has_no_expiry()
    {
        var key = IssueKey(Start);

        var successor = key.Rotate(Start.AddDays(100), TimeSpan.FromDays(1)).Value;

        Assert.Null(successor.Key.ExpiresAt);
        Assert.Equal(ApiKeyState.Active, successor.Key.StateAt(Start.AddYears(20)));
    }

    [Fact]
    public void A_rotated_key_can_be_revoked_during_its_grace_period()
    {
        var key = IssueKey(Start);
        key.Rotate(Start, TimeSpan.FromDays(3));

        key.Revoke(Start.AddDays(1));

        Assert.Equal(ApiKeyState.Revoked, key.StateAt(Start.AddDays(1)));
    }

    [Fact]
    public void A_key_already_rotated_cannot_be_rotated_again_during_its_grace()
    {
        var key = IssueKey(Start);
        var first = key.Rotate(Start.AddDays(10), TimeSpan.FromDays(1));

        var second = key.Rotate(Start.AddDays(10).AddHours(1), TimeSpan.FromDays(1));

        Assert.True(first.IsSuccess);
        Assert.Equal("api_key_already_rotated", second.Error?.Code);
        Assert.Equal(first.Value.Key.Id, key.ReplacedById);
        Assert.Equal(Start.AddDays(11), key.ExpiresAt);
    }
}
