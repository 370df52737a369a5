using ApexAgent.Domain.ApiKeys;

namespace ApexAgent.Portal.Features.ApiKeys;

/// <summary>The body of <c>POST /api/v1/api-keys</c>. Mode defaults to test; scopes default to read-only.</summary>
public sealed record CreateApiKeyRequest(string? Name, ApiKeyMode? Mode, IReadOnlyList<string>? Scopes, DateTimeOffset? ExpiresAt)
{
    public NewApiKey ToNewApiKey() => new(
        Name ?? "",
        Mode ?? ApiKeyMode.Test,
        Scopes ?? [Domain.Accounts.Permission.ProfileRead],
        ExpiresAt);
}
