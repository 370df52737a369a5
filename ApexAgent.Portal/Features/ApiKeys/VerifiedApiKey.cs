using System.Security.Claims;
using ApexAgent.Domain.Accounts;
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
    private Acting? acting;

    /// <summary>
    /// Who acts through this key while its holder has <paramref name="place"/> in the key's organisation: the key's
    /// scopes, narrowed to what the holder may still do there (staff permissions included for a staff member's key).
    /// Built once per place and shared between requests (nothing in the portal adds to a principal after authentication).
    /// </summary>
    public (Actor Actor, ClaimsPrincipal Principal) For(OrganizationPlace place, PlatformRole? staffRole)
    {
        if (acting is { } known && ReferenceEquals(known.Place, place) && known.StaffRole == staffRole)
        {
            return (known.Actor, known.Principal);
        }

        var held = new HashSet<string>(OrganizationAccess.PermissionsAnywhere([place.Assignment]), StringComparer.Ordinal);
        if (staffRole is { } role)
        {
            held.UnionWith(Permission.ForPlatformRole(role));
        }

        var actor = new Actor(UserId, OrganizationId, Scopes.Where(held.Contains).ToHashSet(StringComparer.Ordinal), Id) { Assignment = place.Assignment };
        var principal = new ClaimsPrincipal(PortalClaims.Describe(
            new ClaimsIdentity([new(ClaimTypes.NameIdentifier, UserId), new(PortalClaims.ApiKey, Id.ToString())], ApiKeyDefaults.Scheme),
            actor,
            UserId,
            platformRole: null));
        acting = new Acting(place, staffRole, actor, principal);
        return (actor, principal);
    }

    private sealed record Acting(OrganizationPlace Place, PlatformRole? StaffRole, Actor Actor, ClaimsPrincipal Principal);
}
