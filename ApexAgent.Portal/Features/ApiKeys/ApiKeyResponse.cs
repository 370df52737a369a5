using ApexAgent.Domain.ApiKeys;

namespace ApexAgent.Portal.Features.ApiKeys;

/// <summary>A key as the API lists it: never its secret.</summary>
public sealed record ApiKeyResponse(
    Guid Id,
    string Name,
    string Prefix,
    ApiKeyMode Mode,
    IReadOnlyList<string> Scopes,
    ApiKeyState State,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt,
    long RequestCount,
    Guid? ReplacedBy)
{
    public static ApiKeyResponse From(ApiKey key, DateTimeOffset now) => new(
        key.Id, key.Name, key.Prefix, key.Mode, key.Scopes, key.StateAt(now), key.CreatedAt, key.ExpiresAt, key.RevokedAt, key.LastUsedAt, key.RequestCount, key.ReplacedById);
}
