using System.Text.RegularExpressions;
using ApexAgent.Domain.Accounts;

namespace ApexAgent.Tests.Domain.Accounts;

public sealed class PermissionTests
{
    [Fact]
    public void All_lists_each_permission_once()
    {
        Assert.Equal(Permission.All.Count, Permission.All.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(6, Permission.All.Count);
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
    public void Customer_permissions_are_a_subset_of_all()
    {
        Assert.NotEmpty(Permission.Customer);
        Assert.All(Permission.Customer, p => Assert.Contains(p, Permission.All));
    }

    [Fact]
    public void Customers_manage_their_own_profile_and_keys_but_not_the_catalog_or_other_accounts()
    {
        Assert.Contains(Permission.ProfileRead, Permission.Customer);
        Assert.Contains(Permission.ProfileManage, Permission.Customer);
        Assert.Contains(Permission.ApiKeysRead, Permission.Customer);
        Assert.Contains(Permission.ApiKeysManage, Permission.Customer);
        Assert.DoesNotContain(Permission.CatalogManage, Permission.Customer);
        Assert.DoesNotContain(Permission.SupportAccountsRead, Permission.Customer);
    }

    [Fact]
    public void Api_key_scopes_are_a_subset_of_all()
    {
        Assert.NotEmpty(Permission.ApiKeyScopes);
        Assert.All(Permission.ApiKeyScopes, p => Assert.Contains(p, Permission.All));
    }

    [Fact]
    public void An_api_key_can_never_carry_more_than_a_customer_may_do()
    {
        Assert.All(Permission.ApiKeyScopes, p => Assert.Contains(p, Permission.Customer));
        Assert.DoesNotContain(Permission.CatalogManage, Permission.ApiKeyScopes);
        Assert.DoesNotContain(Permission.SupportAccountsRead, Permission.ApiKeyScopes);
    }

    [Fact]
    public void Platform_admins_manage_the_catalog_and_read_accounts()
    {
        var permissions = Permission.ForPlatformRole(PlatformRole.PlatformAdmin);

        Assert.Equal(
            new[] { Permission.CatalogManage, Permission.SupportAccountsRead }.Order(StringComparer.Ordinal),
            permissions.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Support_staff_read_accounts_but_do_not_manage_the_catalog()
    {
        var permissions = Permission.ForPlatformRole(PlatformRole.Support);

        Assert.Equal(Permission.SupportAccountsRead, Assert.Single(permissions));
    }

    [Theory]
    [InlineData(PlatformRole.PlatformAdmin)]
    [InlineData(PlatformRole.Support)]
    public void Platform_role_permissions_are_a_subset_of_all(PlatformRole role)
    {
        Assert.All(Permission.ForPlatformRole(role), p => Assert.Contains(p, Permission.All));
    }

    [Fact]
    public void An_unknown_platform_role_has_no_permissions()
    {
        Assert.Empty(Permission.ForPlatformRole((PlatformRole)99));
    }

    [Fact]
    public void Every_permission_is_granted_to_someone()
    {
        var granted = Permission.Customer
            .Concat(Enum.GetValues<PlatformRole>().SelectMany(Permission.ForPlatformRole))
            .ToHashSet(StringComparer.Ordinal);

        Assert.All(Permission.All, p => Assert.Contains(p, granted));
    }
}
