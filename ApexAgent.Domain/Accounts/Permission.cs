namespace ApexAgent.Domain.Accounts;

/// <summary>
/// Every permission the portal knows, in one place. Pages and endpoints declare one of these; roles and
/// API-key scopes are sets of them.
/// </summary>
public static class Permission
{
    public const string ProfileRead = "account.profile.read";
    public const string ProfileManage = "account.profile.manage";
    public const string ApiKeysRead = "apikeys.read";
    public const string ApiKeysManage = "apikeys.manage";
    public const string CatalogManage = "catalog.manage";
    public const string SupportAccountsRead = "support.accounts.read";

    public static IReadOnlyList<string> All { get; } =
        [ProfileRead, ProfileManage, ApiKeysRead, ApiKeysManage, CatalogManage, SupportAccountsRead];

    /// <summary>What every signed-in customer may do with their own account.</summary>
    public static IReadOnlyList<string> Customer { get; } = [ProfileRead, ProfileManage, ApiKeysRead, ApiKeysManage];

    /// <summary>The permissions that an API key may carry as scopes.</summary>
    public static IReadOnlyList<string> ApiKeyScopes { get; } = [ProfileRead, ApiKeysRead, ApiKeysManage];

    public static IReadOnlyList<string> ForPlatformRole(PlatformRole role) => role switch
    {
        PlatformRole.PlatformAdmin => [CatalogManage, SupportAccountsRead],
        PlatformRole.Support => [SupportAccountsRead],
        _ => [],
    };
}
