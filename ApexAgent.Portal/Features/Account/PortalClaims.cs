using System.Security.Claims;

namespace ApexAgent.Portal.Features.Account;

/// <summary>The claims the portal puts on a signed-in person or an API key.</summary>
public static class PortalClaims
{
    public const string Permission = "perm";
    public const string Organization = "org";
    public const string ApiKey = "apikey";
    public const string DisplayName = "display_name";

    /// <summary>The actor of this request: the one its API key carries, or else built from the signed-in user.</summary>
    public static Actor Actor(this HttpContext http) => http.Features.Get<Actor>() ?? http.User.ToActor();

    public static Actor ToActor(this ClaimsPrincipal principal)
    {
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("The principal has no user id.");
        var organization = Guid.TryParse(principal.FindFirstValue(Organization), out var org)
            ? org
            : throw new InvalidOperationException("The principal acts for no organisation.");
        var key = Guid.TryParse(principal.FindFirstValue(ApiKey), out var keyId) ? keyId : (Guid?)null;
        var permissions = principal.FindAll(Permission).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return new Actor(userId, organization, permissions, key);
    }
}
