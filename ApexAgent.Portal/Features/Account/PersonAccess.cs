using ApexAgent.Domain.Accounts;

namespace ApexAgent.Portal.Features.Account;

/// <summary>Everything that decides what a signed-in person may do: their organisations, roles, staff role and open support view.</summary>
public sealed record PersonAccess(
    string UserId,
    string DisplayName,
    string Email,
    PlatformRole? PlatformRole,
    IReadOnlyList<OrganizationPlace> Places,
    Guid CurrentOrganizationId,
    ActiveSupportView? View)
{
    public OrganizationPlace Current => In(CurrentOrganizationId) ?? Places[0];

    public OrganizationPlace? In(Guid organizationId) => Places.FirstOrDefault(p => p.OrganizationId == organizationId);

    /// <summary>The person acting for their current organisation, with their staff permissions added.</summary>
    public Actor OwnActor() => ActorIn(Current);

    /// <summary>The person acting for <paramref name="place"/>, one of their organisations.</summary>
    public Actor ActorIn(OrganizationPlace place)
    {
        var permissions = new HashSet<string>(OrganizationAccess.PermissionsAnywhere([place.Assignment]), StringComparer.Ordinal);
        if (PlatformRole is { } role)
        {
            permissions.UnionWith(Permission.ForPlatformRole(role));
        }

        return new Actor(UserId, place.OrganizationId, permissions) { Assignment = place.Assignment };
    }

    /// <summary>Who acts in the portal: the customer, read-only, while a support view is open; the person otherwise.</summary>
    public Actor ActingActor(DateTimeOffset now) => View is { } view && view.ExpiresAt > now
        ? new Actor(view.CustomerUserId, view.Place.OrganizationId, OrganizationAccess.PermissionsAnywhere([view.Place.Assignment]))
        {
            Assignment = view.Place.Assignment,
            ImpersonatorUserId = UserId,
            ImpersonationId = view.Id,
        }
        : OwnActor();
}
