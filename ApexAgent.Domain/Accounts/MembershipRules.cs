using ApexAgent.Domain.Common;

namespace ApexAgent.Domain.Accounts;

/// <summary>Who may give, change and take away which role where.</summary>
public static class MembershipRules
{
    public static readonly Error OutsideYourScope = new(
        "outside_your_scope", "That part of the organisation is outside the department or team you manage.", ErrorKind.Forbidden);

    public static readonly Error RoleAboveYours = new(
        "role_above_yours", "You can only give or change roles up to your own.", ErrorKind.Forbidden);

    public static readonly Error OwnerIsOrganizationWide = new(
        "owner_is_organization_wide", "Owners own the whole organisation: choose the organisation itself as the place.");

    public static readonly Error LastOwner = new(
        "last_owner", "An organisation always keeps at least one owner. Make someone else an owner first.", ErrorKind.Conflict);

    /// <summary>May <paramref name="actor"/> give <paramref name="target"/> to someone?</summary>
    public static Error? CheckGrant(RoleAssignment actor, OrganizationTree tree, RoleAssignment target)
    {
        if (target.Scope is { } unit && !tree.Contains(unit))
        {
            return Error.NotFound("unit", "department or team");
        }

        if (!OrganizationAccess.Can([actor], tree, Permission.MembersManage, target.Scope))
        {
            return OutsideYourScope;
        }

        if (target.Role > actor.Role)
        {
            return RoleAboveYours;
        }

        return target.Role == OrganizationRole.Owner && target.Scope is not null ? OwnerIsOrganizationWide : null;
    }

    /// <summary>May <paramref name="actor"/> change or remove a membership that holds <paramref name="existing"/>?</summary>
    public static Error? CheckManage(RoleAssignment actor, OrganizationTree tree, RoleAssignment existing)
    {
        if (!OrganizationAccess.Can([actor], tree, Permission.MembersManage, existing.Scope))
        {
            return OutsideYourScope;
        }

        return existing.Role > actor.Role ? RoleAboveYours : null;
    }

    /// <summary>Refuses a change that would leave the organisation without an organisation-wide owner.</summary>
    public static Error? CheckOwnersRemain(int owners, RoleAssignment before, RoleAssignment? after)
    {
        var wasOwner = before is { Role: OrganizationRole.Owner, Scope: null };
        var staysOwner = after is { Role: OrganizationRole.Owner, Scope: null };
        return wasOwner && !staysOwner && owners <= 1 ? LastOwner : null;
    }
}
