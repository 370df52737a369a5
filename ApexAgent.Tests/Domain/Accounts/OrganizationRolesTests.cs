using ApexAgent.Domain.Accounts;

namespace ApexAgent.Tests.Domain.Accounts;

public sealed class OrganizationRolesTests
{
    private static readonly Guid Engineering = Guid.Parse("20000000-0000-0000-0000-000000000001");
    private static readonly Guid Platform = Guid.Parse("20000000-0000-0000-0000-000000000002");
    private static readonly Guid Sales = Guid.Parse("20000000-0000-0000-0000-000000000003");

    // The organisation › Engineering (department) › Platform (team); Sales (department) beside Engineering.
    private static readonly OrganizationTree Tree = new(
    [
        new OrganizationUnitNode(Engineering, null, UnitKind.Department, "Engineering"),
        new OrganizationUnitNode(Platform, Engineering, UnitKind.Team, "Platform"),
        new OrganizationUnitNode(Sales, null, UnitKind.Department, "Sales"),
    ]);

    public static TheoryData<OrganizationRole, string[]> RolePermissions => new()
    {
        { OrganizationRole.Member, [Permission.ProfileRead, Permission.ProfileManage, Permission.ApiKeysRead, Permission.ApiKeysManage, Permission.OrganizationRead, Permission.CreditsRead, Permission.UsageWrite] },
        {
            OrganizationRole.Manager,
            [Permission.ProfileRead, Permission.ProfileManage, Permission.ApiKeysRead, Permission.ApiKeysManage, Permission.OrganizationRead, Permission.CreditsRead, Permission.UsageWrite,
                Permission.MembersRead, Permission.MembersManage]
        },
        {
            OrganizationRole.Admin,
            [Permission.ProfileRead, Permission.ProfileManage, Permission.ApiKeysRead, Permission.ApiKeysManage, Permission.OrganizationRead, Permission.CreditsRead, Permission.UsageWrite,
                Permission.MembersRead, Permission.MembersManage, Permission.StructureManage, Permission.AuditRead, Permission.BillingRead, Permission.CreditsAnalyticsRead, Permission.VerificationManage]
        },
        {
            OrganizationRole.Owner,
            [Permission.ProfileRead, Permission.ProfileManage, Permission.ApiKeysRead, Permission.ApiKeysManage, Permission.OrganizationRead, Permission.CreditsRead, Permission.UsageWrite,
                Permission.MembersRead, Permission.MembersManage, Permission.StructureManage, Permission.AuditRead, Permission.OrganizationManage,
                Permission.BillingRead, Permission.BillingManage, Permission.CreditsAnalyticsRead, Permission.CreditsPurchase, Permission.VerificationManage]
        },
    };

    [Theory]
    [MemberData(nameof(RolePermissions))]
    public void Each_role_is_exactly_its_set_of_permissions(OrganizationRole role, string[] expected)
    {
        Assert.Equal(expected.Order(StringComparer.Ordinal), OrganizationRoles.PermissionsOf(role).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Roles_nest_member_within_manager_within_admin_within_owner_each_strictly_larger()
    {
        var roles = Enum.GetValues<OrganizationRole>().Order().ToList();
        Assert.Equal([OrganizationRole.Member, OrganizationRole.Manager, OrganizationRole.Admin, OrganizationRole.Owner], roles);

        for (var i = 1; i < roles.Count; i++)
        {
            var lower = OrganizationRoles.PermissionsOf(roles[i - 1]).ToHashSet(StringComparer.Ordinal);
            var higher = OrganizationRoles.PermissionsOf(roles[i]).ToHashSet(StringComparer.Ordinal);
            Assert.True(lower.IsProperSubsetOf(higher), $"{roles[i - 1]} should be a proper subset of {roles[i]}");
        }
    }

    [Fact]
    public void A_member_may_do_exactly_what_every_customer_may_do()
    {
        Assert.Equal(Permission.Customer, OrganizationRoles.PermissionsOf(OrganizationRole.Member));
    }

    [Fact]
    public void An_unknown_role_value_grants_no_more_than_a_member()
    {
        Assert.Equal(Permission.Customer, OrganizationRoles.PermissionsOf((OrganizationRole)99));
        Assert.StartsWith("Member:", OrganizationRoles.Describe((OrganizationRole)99), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OrganizationRole.Member)]
    [InlineData(OrganizationRole.Manager)]
    [InlineData(OrganizationRole.Admin)]
    [InlineData(OrganizationRole.Owner)]
    public void Roles_list_each_permission_once_and_only_known_ones(OrganizationRole role)
    {
        var permissions = OrganizationRoles.PermissionsOf(role);

        Assert.Equal(permissions.Count, permissions.Distinct(StringComparer.Ordinal).Count());
        Assert.All(permissions, p => Assert.Contains(p, Permission.All));
    }

    [Fact]
    public void Only_owners_manage_the_organisation_settings()
    {
        Assert.Equal(
            [OrganizationRole.Owner],
            Enum.GetValues<OrganizationRole>().Where(r => OrganizationRoles.PermissionsOf(r).Contains(Permission.OrganizationManage)));
    }

    [Theory]
    [InlineData(OrganizationRole.Member, "Member:")]
    [InlineData(OrganizationRole.Manager, "Manager:")]
    [InlineData(OrganizationRole.Admin, "Admin:")]
    [InlineData(OrganizationRole.Owner, "Owner:")]
    public void Describe_names_the_role_before_what_it_is_for(OrganizationRole role, string prefix)
    {
        var description = OrganizationRoles.Describe(role);

        Assert.StartsWith(prefix, description, StringComparison.Ordinal);
        Assert.True(description.Length > prefix.Length + 10, description);
    }

    [Fact]
    public void Every_role_has_its_own_description()
    {
        var descriptions = Enum.GetValues<OrganizationRole>().Select(OrganizationRoles.Describe).ToList();

        Assert.Equal(descriptions.Count, descriptions.Distinct(StringComparer.Ordinal).Count());
    }

    // Worked examples of inheritance from the organisation to a department to a team.
    [Theory]
    [InlineData(OrganizationRole.Manager, "Engineering", Permission.MembersManage, "Engineering", true)]
    [InlineData(OrganizationRole.Manager, "Engineering", Permission.MembersManage, "Platform", true)]
    [InlineData(OrganizationRole.Manager, "Engineering", Permission.MembersRead, "Platform", true)]
    [InlineData(OrganizationRole.Manager, "Engineering", Permission.MembersManage, "Sales", false)]
    [InlineData(OrganizationRole.Manager, "Engineering", Permission.MembersManage, "org", false)]
    [InlineData(OrganizationRole.Manager, "Platform", Permission.MembersManage, "Engineering", false)]
    [InlineData(OrganizationRole.Manager, "Platform", Permission.MembersManage, "Platform", true)]
    [InlineData(OrganizationRole.Admin, "Engineering", Permission.StructureManage, "Platform", true)]
    [InlineData(OrganizationRole.Admin, "Engineering", Permission.StructureManage, "Sales", false)]
    [InlineData(OrganizationRole.Admin, "Engineering", Permission.AuditRead, "Engineering", false)]
    [InlineData(OrganizationRole.Admin, "Engineering", Permission.AuditRead, "org", false)]
    [InlineData(OrganizationRole.Admin, "org", Permission.AuditRead, "Platform", true)]
    [InlineData(OrganizationRole.Admin, "org", Permission.StructureManage, "org", true)]
    [InlineData(OrganizationRole.Admin, "org", Permission.MembersManage, "Sales", true)]
    [InlineData(OrganizationRole.Admin, "org", Permission.OrganizationManage, "org", false)]
    [InlineData(OrganizationRole.Owner, "org", Permission.OrganizationManage, "Platform", true)]
    [InlineData(OrganizationRole.Member, "org", Permission.MembersRead, "org", false)]
    [InlineData(OrganizationRole.Member, "Platform", Permission.ApiKeysManage, "Sales", true)]
    [InlineData(OrganizationRole.Member, "Platform", Permission.OrganizationRead, "org", true)]
    public void A_role_reaches_down_the_tree_from_where_it_is_held(OrganizationRole role, string heldAt, string permission, string askedAt, bool can)
    {
        Assert.Equal(can, OrganizationAccess.Can([new RoleAssignment(role, Place(heldAt))], Tree, permission, Place(askedAt)));
    }

    [Fact]
    public void Without_any_role_a_person_still_has_the_customer_permissions_everywhere()
    {
        Assert.Equal(Permission.Customer.Order(StringComparer.Ordinal), OrganizationAccess.PermissionsAnywhere([]).Order(StringComparer.Ordinal));
        Assert.All(new Guid?[] { null, Engineering, Platform, Sales }, place =>
            Assert.Equal(Permission.Customer.Order(StringComparer.Ordinal), OrganizationAccess.PermissionsAt([], Tree, place).Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void A_department_admin_opens_the_member_and_structure_pages_but_not_the_audit_log_or_settings()
    {
        var anywhere = OrganizationAccess.PermissionsAnywhere([new RoleAssignment(OrganizationRole.Admin, Engineering)]);

        Assert.Contains(Permission.MembersManage, anywhere);
        Assert.Contains(Permission.StructureManage, anywhere);
        Assert.DoesNotContain(Permission.AuditRead, anywhere);
        Assert.DoesNotContain(Permission.OrganizationManage, anywhere);
    }

    private static Guid? Place(string name) => name switch
    {
        "org" => null,
        "Engineering" => Engineering,
        "Platform" => Platform,
        "Sales" => Sales,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}
