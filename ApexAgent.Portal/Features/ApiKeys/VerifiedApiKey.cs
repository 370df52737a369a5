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

    /// <summary>
    /// The principal of every request made with this key, built once. Nothing in the portal adds to a principal
    /// after authentication, so sharing it between requests is safe.
    /// </summary>
    public ClaimsPrincipal Principal { get; } = new(new ClaimsIdentity(
        [
            new(ClaimTypes.NameIdentifier, UserId),
            new(PortalClaims.Organization, OrganizationId.ToString()),
            new(PortalClaims.ApiKey, Id.ToString()),
            .. Scopes.Select(scope => new Claim(PortalClaims.Permission, scope)),
        ],
        ApiKeyDefaults.Scheme));
}
