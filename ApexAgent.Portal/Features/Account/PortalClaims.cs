using System.Security.Claims;
using ApexAgent.Domain.Accounts;

namespace ApexAgent.Portal.Features.Account;

/// <summary>The claims the portal puts on a signed-in person or an API key, and the <see cref="Account.Actor"/> they describe.</summary>
public static class PortalClaims
{
    public const string Permission = "perm";
    public const string Organization = "org";
    public const string OrganizationRole = "org_role";
    public const string OrganizationScope = "org_scope";
    public const string ApiKey = "apikey";
    public const string DisplayName = "display_name";

    /// <summary>Set while a support view is open: the customer whose portal is shown.</summary>
    public const string ActingAs = "acting_as";
    public const string SupportView = "support_view";

    private static readonly HashSet<string> Derived = [Permission, Organization, OrganizationRole, OrganizationScope, DisplayName, ActingAs, SupportView, ClaimTypes.Role];

    /// <summary>The actor of this request: the one its API key carries, or else built from the signed-in user.</summary>
    public static Actor Actor(this HttpContext http) => http.Features.Get<Actor>() ?? http.User.ToActor();

    /// <summary>True for principals that carry an actor: API keys and signed-in people once their access was resolved.</summary>
    public static bool HasActor(this ClaimsPrincipal principal) => principal.HasClaim(c => c.Type == Organization);

    public static Actor ToActor(this ClaimsPrincipal principal)
    {
        var signedIn = principal.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("The principal has no user id.");
        var organization = Guid.TryParse(principal.FindFirstValue(Organization), out var org)
            ? org
            : throw new InvalidOperationException("The principal acts for no organisation.");
        var key = Guid.TryParse(principal.FindFirstValue(ApiKey), out var keyId) ? keyId : (Guid?)null;
        var permissions = principal.FindAll(Permission).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var role = Enum.TryParse<Domain.Accounts.OrganizationRole>(principal.FindFirstValue(OrganizationRole), out var r) ? r : Domain.Accounts.OrganizationRole.Member;
        var scope = Guid.TryParse(principal.FindFirstValue(OrganizationScope), out var s) ? s : (Guid?)null;
        var actingAs = principal.FindFirstValue(ActingAs);
        return new Actor(actingAs ?? signedIn, organization, permissions, key)
        {
            Assignment = new RoleAssignment(role, scope),
            ImpersonatorUserId = actingAs is null ? null : signedIn,
            ImpersonationId = Guid.TryParse(principal.FindFirstValue(SupportView), out var view) ? view : null,
        };
    }

    /// <summary>A copy of <paramref name="identity"/> that describes <paramref name="actor"/>, replacing whatever portal claims it had.</summary>
    public static ClaimsIdentity Describe(ClaimsIdentity identity, Actor actor, string displayName, PlatformRole? platformRole)
    {
        var described = new ClaimsIdentity(identity.Claims.Where(c => !Derived.Contains(c.Type)), identity.AuthenticationType, identity.NameClaimType, identity.RoleClaimType);
        described.AddClaim(new Claim(DisplayName, displayName));
        described.AddClaim(new Claim(Organization, actor.OrganizationId.ToString()));
        described.AddClaim(new Claim(OrganizationRole, actor.Assignment.Role.ToString()));
        if (actor.Assignment.Scope is { } scope)
        {
            described.AddClaim(new Claim(OrganizationScope, scope.ToString()));
        }

        if (actor.ImpersonatorUserId is not null)
        {
            described.AddClaim(new Claim(ActingAs, actor.UserId));
            described.AddClaim(new Claim(SupportView, actor.ImpersonationId?.ToString() ?? ""));
        }
        else if (platformRole is { } role)
        {
            described.AddClaim(new Claim(ClaimTypes.Role, role.ToString()));
        }

        foreach (var permission in actor.Permissions.Order(StringComparer.Ordinal))
        {
            described.AddClaim(new Claim(Permission, permission));
        }

        return described;
    }
}
