namespace ApexAgent.Domain.Accounts;

/// <summary>
/// Every permission the portal knows, in one place. Pages and endpoints declare one of these; organisation roles,
/// platform roles and API-key scopes are sets of them (<see cref="OrganizationRoles"/>).
/// </summary>
public static class Permission
{
    public const string ProfileRead = "account.profile.read";
    public const string ProfileManage = "account.profile.manage";
    public const string ApiKeysRead = "apikeys.read";
    public const string ApiKeysManage = "apikeys.manage";

    /// <summary>See the organisation: its name, plan, departments and teams.</summary>
    public const string OrganizationRead = "org.read";

    /// <summary>See the members of the departments and teams within one's scope.</summary>
    public const string MembersRead = "org.members.read";

    /// <summary>Add, invite, re-role and remove members within one's scope, up to one's own role.</summary>
    public const string MembersManage = "org.members.manage";

    /// <summary>Create, rename and delete departments and teams within one's scope.</summary>
    public const string StructureManage = "org.structure.manage";

    /// <summary>Rename the organisation and change its time zone.</summary>
    public const string OrganizationManage = "org.settings.manage";

    /// <summary>Apply for education or healthcare verification, and manage the organisation's regulated-data features.</summary>
    public const string VerificationManage = "org.verification.manage";

    /// <summary>Read and verify the organisation's audit log.</summary>
    public const string AuditRead = "audit.read";

    /// <summary>See the plan, invoices, payments and the subscription's timeline.</summary>
    public const string BillingRead = "billing.read";

    /// <summary>Subscribe, change or cancel the plan, and manage payment methods and billing details.</summary>
    public const string BillingManage = "billing.manage";

    /// <summary>ApexAgent staff: set up contracts, issue credit notes and refunds, run the test clock.</summary>
    public const string BillingOperate = "billing.operate";

    /// <summary>ApexAgent staff: revenue analytics across every organisation.</summary>
    public const string BillingAnalyticsRead = "billing.analytics.read";

    /// <summary>See the organisation's credit balance, grants and ledger, and set one's own low-balance alert.</summary>
    public const string CreditsRead = "credits.read";

    /// <summary>Send usage events (what an agent did) that the rate card prices and the pool pays for.</summary>
    public const string UsageWrite = "usage.write";

    /// <summary>Usage analytics across the organisation's members and the credit utilisation report.</summary>
    public const string CreditsAnalyticsRead = "credits.analytics.read";

    /// <summary>Buy credit packs with the saved payment method and set up auto top-up.</summary>
    public const string CreditsPurchase = "credits.purchase";

    /// <summary>ApexAgent staff: promotional and support grants, usage reversals, overdraft allowances, bulk purchases.</summary>
    public const string CreditsOperate = "credits.operate";

    /// <summary>Platform admins: the tier catalog and the rate card.</summary>
    public const string CatalogManage = "catalog.manage";

    /// <summary>Platform admins: discount codes (create, pause, resume, retire, report).</summary>
    public const string DiscountsManage = "discounts.manage";
    public const string SupportAccountsRead = "support.accounts.read";

    /// <summary>Open a customer's portal read-only, with a reason, for 30 minutes.</summary>
    public const string SupportImpersonate = "support.impersonate";

    /// <summary>ApexAgent staff: review education and healthcare verification applications.</summary>
    public const string VerificationReview = "verification.review";

    /// <summary>Read and verify every organisation's audit log and the platform's own.</summary>
    public const string AuditReadAll = "audit.read_all";

    public static IReadOnlyList<string> All { get; } =
    [
        ProfileRead, ProfileManage, ApiKeysRead, ApiKeysManage,
        OrganizationRead, MembersRead, MembersManage, StructureManage, OrganizationManage, VerificationManage, AuditRead, BillingRead, BillingManage,
        BillingOperate, BillingAnalyticsRead, CreditsRead, UsageWrite, CreditsAnalyticsRead, CreditsPurchase, CreditsOperate,
        CatalogManage, DiscountsManage, SupportAccountsRead, SupportImpersonate, AuditReadAll, VerificationReview,
    ];

    /// <summary>
    /// Permissions that a role held at a department or team grants for that part of the tree only. Every other
    /// organisation permission is organisation-wide: a role grants it only when held at the organisation itself.
    /// </summary>
    public static IReadOnlySet<string> UnitScoped { get; } = new HashSet<string>(StringComparer.Ordinal) { MembersRead, MembersManage, StructureManage };

    /// <summary>What every member of an organisation may do, wherever their place in it.</summary>
    public static IReadOnlyList<string> Customer { get; } = [ProfileRead, ProfileManage, ApiKeysRead, ApiKeysManage, OrganizationRead, CreditsRead, UsageWrite];

    /// <summary>Staff permissions that a platform admin's API key may carry (automation: billing runs, the agent runtime's reversals).</summary>
    public static IReadOnlyList<string> StaffApiKeyScopes { get; } = [BillingOperate, CreditsOperate, DiscountsManage];

    /// <summary>The permissions that an API key may carry as scopes.</summary>
    public static IReadOnlyList<string> ApiKeyScopes { get; } =
        [ProfileRead, ApiKeysRead, ApiKeysManage, OrganizationRead, MembersRead, MembersManage, StructureManage, AuditRead, BillingRead, BillingManage,
            VerificationManage, CreditsRead, UsageWrite, CreditsAnalyticsRead, CreditsPurchase, BillingOperate, CreditsOperate, DiscountsManage];

    public static IReadOnlyList<string> ForPlatformRole(PlatformRole role) => role switch
    {
        PlatformRole.PlatformAdmin => [CatalogManage, SupportAccountsRead, SupportImpersonate, AuditReadAll, BillingOperate, BillingAnalyticsRead, CreditsOperate, DiscountsManage, VerificationReview],
        PlatformRole.Support => [SupportAccountsRead, SupportImpersonate, VerificationReview],
        _ => [],
    };
}
