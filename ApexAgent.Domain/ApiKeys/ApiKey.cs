using ApexAgent.Domain.Common;

namespace ApexAgent.Domain.ApiKeys;

/// <summary>A platform API key. It knows its hash, never its secret.</summary>
public sealed class ApiKey
{
    public static readonly TimeSpan LongestRotationGrace = TimeSpan.FromDays(7);

    private ApiKey()
    {
    }

    public Guid Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    public string UserId { get; private set; } = "";

    public string Name { get; private set; } = "";

    public ApiKeyMode Mode { get; private set; }

    public string Prefix { get; private set; } = "";

    public string SecretHash { get; private set; } = "";

    public List<string> Scopes { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ExpiresAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public DateTimeOffset? LastUsedAt { get; private set; }

    /// <summary>Authenticated requests made with the key (recorded in batches, so it may lag by seconds).</summary>
    public long RequestCount { get; private set; }

    /// <summary>The key that replaced this one when it was rotated.</summary>
    public Guid? ReplacedById { get; private set; }

    public static Result<IssuedApiKey> Issue(NewApiKey request, Guid organizationId, string userId, DateTimeOffset now)
    {
        var valid = request.Validate(now);
        if (!valid.IsSuccess)
        {
            return valid.Error;
        }

        var secret = ApiKeySecret.Generate(valid.Value.Mode);
        var key = new ApiKey
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = organizationId,
            UserId = userId,
            Name = valid.Value.Name,
            Mode = valid.Value.Mode,
            Prefix = secret.DisplayPrefix,
            SecretHash = secret.Hash,
            Scopes = [.. valid.Value.Scopes],
            CreatedAt = now,
            ExpiresAt = valid.Value.ExpiresAt,
        };
        return new IssuedApiKey(key, secret);
    }

    public ApiKeyState StateAt(DateTimeOffset now) =>
        RevokedAt is not null ? ApiKeyState.Revoked
        : ExpiresAt is { } expiry && expiry <= now ? ApiKeyState.Expired
        : ApiKeyState.Active;

    public bool IsUsableAt(DateTimeOffset now) => StateAt(now) == ApiKeyState.Active;

    /// <summary>Stops the key at once. Revoking a revoked key changes nothing.</summary>
    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;

    /// <summary>
    /// Issues a successor with the same name, mode and scopes; this key keeps working for
    /// <paramref name="grace"/> (at most seven days) so clients can switch without downtime.
    /// </summary>
    public Result<IssuedApiKey> Rotate(DateTimeOffset now, TimeSpan grace)
    {
        if (!IsUsableAt(now))
        {
            return new Error("api_key_not_active", "Only an active key can be rotated.", ErrorKind.Conflict);
        }

        if (ReplacedById is not null)
        {
            return new Error("api_key_already_rotated", "This key was already rotated; rotate its successor instead.", ErrorKind.Conflict);
        }

        if (grace < TimeSpan.Zero || grace > LongestRotationGrace)
        {
            return Error.Invalid(new Dictionary<string, string[]> { ["GraceHours"] = ["The grace period must be between 0 and 168 hours."] });
        }

        var successorExpiry = ExpiresAt is { } expiry ? now + (expiry - CreatedAt) : (DateTimeOffset?)null;
        var issued = Issue(new NewApiKey(Name, Mode, Scopes, successorExpiry), OrganizationId, UserId, now);
        if (!issued.IsSuccess)
        {
            return issued.Error;
        }

        var graceEnd = now + grace;
        ExpiresAt = ExpiresAt is { } current && current < graceEnd ? current : graceEnd;
        ReplacedById = issued.Value.Key.Id;
        return issued;
    }
}
