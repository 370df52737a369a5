using System.Security.Claims;
using ApexAgent.Portal.Features.Account;

namespace ApexAgent.Portal.Features.ApiKeys;

/// <summary>What the verifier remembers about a key: enough to authenticate without the database.</summary>
public sealed record VerifiedApiKey(
    Guid Id,
    Guid OrganizationId,
    string UserId,
    IReadOnlyList<string> Scopes,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt)
{
    /// <summary>Who acts through this key, built once.</summary>
    public Actor Actor { get; } = new(UserId, OrganizationId, Scopes.ToHashSet(StringComparer.Ordinal), Id);

    /// <summary>The claims every principal of this key carries, built once.</summary>
    public IReadOnlyList<Claim> Claims { get; } =
    [
        new(ClaimTypes.NameIdentifier, UserId),
        new(Account.PortalClaims.Organization, OrganizationId.ToString()),
        new(Account.PortalClaims.ApiKey, Id.ToString()),
        .. Scopes.Select(scope => new Claim(Account.PortalClaims.Permission, scope)),
    ];
}
