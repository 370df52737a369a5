namespace ApexAgent.Domain.Accounts;

/// <summary>What each organisation role may do. Each role includes everything of the roles below it.</summary>
public static class OrganizationRoles
{
    private static readonly IReadOnlyList<string> Manager = [.. Permission.Customer, Permission.MembersRead, Permission.MembersManage];
    private static readonly IReadOnlyList<string> Admin = [.. Manager, Permission.StructureManage, Permission.AuditRead, Permission.BillingRead, Permission.CreditsAnalyticsRead, Permission.VerificationManage];
    private static readonly IReadOnlyList<string> Owner = [.. Admin, Permission.OrganizationManage, Permission.BillingManage, Permission.CreditsPurchase];

    public static IReadOnlyList<string> PermissionsOf(OrganizationRole role) => role switch
    {
        OrganizationRole.Owner => Owner,
        OrganizationRole.Admin => Admin,
        OrganizationRole.Manager => Manager,
        _ => Permission.Customer,
    };

    /// <summary>How people call the role, with what it is for.</summary>
    public static string Describe(OrganizationRole role) => role switch
    {
        OrganizationRole.Owner => "Owner: everything, including the plan, payment, the organisation's settings and other owners",
        OrganizationRole.Admin => "Admin: members, departments, teams, the audit log and invoices",
        OrganizationRole.Manager => "Manager: the members of their department or team",
        _ => "Member: their own keys, usage and profile",
    };
}
