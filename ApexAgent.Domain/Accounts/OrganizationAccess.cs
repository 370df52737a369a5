namespace ApexAgent.Domain.Accounts;

/// <summary>
/// What a person may do in an organisation, from the roles they hold in it. Every member may do what
/// <see cref="Permission.Customer"/> lists. A role held at the organisation grants all its permissions everywhere;
/// a role held at a department or team grants its <see cref="Permission.UnitScoped"/> permissions for that unit and
/// everything below it, and nothing elsewhere.
/// </summary>
public static class OrganizationAccess
{
    /// <summary>The permissions held at <paramref name="unit"/> (null: the organisation itself).</summary>
    public static IReadOnlySet<string> PermissionsAt(IEnumerable<RoleAssignment> assignments, OrganizationTree tree, Guid? unit)
    {
        var permissions = new HashSet<string>(Permission.Customer, StringComparer.Ordinal);
        foreach (var assignment in assignments)
        {
            var reaches = tree.IsWithin(unit, assignment.Scope);
            foreach (var permission in OrganizationRoles.PermissionsOf(assignment.Role))
            {
                if (assignment.Scope is null || (reaches && Permission.UnitScoped.Contains(permission)))
                {
                    permissions.Add(permission);
                }
            }
        }

        return permissions;
    }

    /// <summary>Every permission held somewhere in the organisation: what decides which pages and endpoints open at all.</summary>
    public static IReadOnlySet<string> PermissionsAnywhere(IEnumerable<RoleAssignment> assignments)
    {
        var permissions = new HashSet<string>(Permission.Customer, StringComparer.Ordinal);
        foreach (var assignment in assignments)
        {
            permissions.UnionWith(OrganizationRoles.PermissionsOf(assignment.Role)
                .Where(p => assignment.Scope is null || Permission.UnitScoped.Contains(p)));
        }

        return permissions;
    }

    /// <summary>True when <paramref name="permission"/> is held at <paramref name="unit"/>.</summary>
    public static bool Can(IEnumerable<RoleAssignment> assignments, OrganizationTree tree, string permission, Guid? unit) =>
        PermissionsAt(assignments, tree, unit).Contains(permission);
}
