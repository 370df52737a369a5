using System.Text.RegularExpressions;
using ApexAgent.Domain.Accounts;

namespace ApexAgent.Tests.Domain.Accounts;

public sealed class PermissionTests
{
    [Fact]
    public void All_lists_each_permission_once()
    {
        Assert.Equal(Permission.All.Count, Permission.All.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void All_contains_every_declared_permission_constant()
    {
        var declared = typeof(Permission)
            .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Order(StringComparer.Ordinal);

        Assert.Equal(declared, Permission.All.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Permission_names_are_lower_case_dotted_words()
    {
        Assert.All(Permission.All, p => Assert.Matches(new Regex("^[a-z]+(\\.[a-z_]+)+$"), p));
    }

    [Fact]
    public void Customers_manage_their_own_profile_and_keys_and_see_their_organisation_but_nothing_more()
    {
        Assert.Equal(
            new[] { Permission.ProfileRead, Permission.ProfileManage, Permission.ApiKeysRead, Permission.ApiKeysManage, Permission.OrganizationRead, Permission.CreditsRead, Permission.UsageWrite }.Order(StringComparer.Ordinal),
            Permission.Customer.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Billing_is_read_by_admins_and_owners_and_changed_by_owners_only()
    {
        Assert.Contains(Permission.BillingRead, Permission.ApiKeyScopes);
        Assert.Contains(Permission.BillingManage, Permission.ApiKeyScopes);
        Assert.Contains(Permission.BillingOperate, Permission.ApiKeyScopes); // staff keys only: see below
        Assert.DoesNotContain(Permission.BillingAnalyticsRead, Permission.ApiKeyScopes);
        Assert.Equal(
            [OrganizationRole.Admin, OrganizationRole.Owner],
            Enum.GetValues<OrganizationRole>().Where(r => OrganizationRoles.PermissionsOf(r).Contains(Permission.BillingRead)));
        Assert.Equal(
            [OrganizationRole.Owner],
            Enum.GetValues<OrganizationRole>().Where(r => OrganizationRoles.PermissionsOf(r).Contains(Permission.BillingManage)));
    }

    [Fact]
    public void Api_key_scopes_are_organisation_permissions_and_only_the_platform_admins_operate_scopes()
    {
        var organisationPermissions = Enum.GetValues<OrganizationRole>().SelectMany(OrganizationRoles.PermissionsOf).ToHashSet();
        Assert.All(Permission.ApiKeyScopes.Where(p => !Permission.StaffApiKeyScopes.Contains(p)), p => Assert.Contains(p, organisationPermissions));
        var staff = Enum.GetValues<PlatformRole>().SelectMany(Permission.ForPlatformRole).Distinct();
        Assert.Equal([Permission.BillingOperate, Permission.CreditsOperate, Permission.DiscountsManage], staff.Where(Permission.ApiKeyScopes.Contains).Order(StringComparer.Ordinal));
        Assert.Equal(Permission.StaffApiKeyScopes.Order(StringComparer.Ordinal), staff.Where(Permission.ApiKeyScopes.Contains).Order(StringComparer.Ordinal));
        Assert.All(Permission.StaffApiKeyScopes, p => Assert.DoesNotContain(p, Enum.GetValues<PlatformRole>().Where(r => r != PlatformRole.PlatformAdmin).SelectMany(Permission.ForPlatformRole)));
    }

    [Fact]
    public void Platform_admins_manage_the_catalog_support_customers_read_every_audit_log_and_operate_billing()
    {
        var permissions = Permission.ForPlatformRole(PlatformRole.PlatformAdmin);

        Assert.Equal(
            new[] { Permission.CatalogManage, Permission.SupportAccountsRead, Permission.SupportImpersonate, Permission.AuditReadAll, Permission.BillingOperate, Permission.BillingAnalyticsRead, Permission.CreditsOperate, Permission.DiscountsManage, Permission.VerificationReview }.Order(StringComparer.Ordinal),
            permissions.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Support_staff_search_and_view_accounts_but_do_not_manage_the_catalog()
    {
        var permissions = Permission.ForPlatformRole(PlatformRole.Support);

        Assert.Equal(new[] { Permission.SupportAccountsRead, Permission.SupportImpersonate, Permission.VerificationReview }.Order(StringComparer.Ordinal), permissions.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Organisation_roles_never_carry_staff_permissions()
    {
        var staff = Enum.GetValues<PlatformRole>().SelectMany(Permission.ForPlatformRole).ToHashSet();
        Assert.All(Enum.GetValues<OrganizationRole>(), role => Assert.DoesNotContain(OrganizationRoles.PermissionsOf(role), staff.Contains));
    }

    [Fact]
    public void An_unknown_platform_role_has_no_permissions()
    {
        Assert.Empty(Permission.ForPlatformRole((PlatformRole)99));
    }

    [Fact]
    public void Every_permission_is_granted_to_someone()
    {
        var granted = Enum.GetValues<OrganizationRole>().SelectMany(OrganizationRoles.PermissionsOf)
            .Concat(Enum.GetValues<PlatformRole>().SelectMany(Permission.ForPlatformRole))
            .ToHashSet(StringComparer.Ordinal);

        Assert.All(Permission.All, p => Assert.Contains(p, granted));
    }

    [Fact]
    public void Unit_scoped_permissions_are_organisation_permissions()
    {
        Assert.All(Permission.UnitScoped, p => Assert.Contains(p, OrganizationRoles.PermissionsOf(OrganizationRole.Owner)));
    }
}
