namespace ApexAgent.Portal.Features.Account;

/// <summary>Who is acting, for which organisation, with which permissions, and through which API key if any.</summary>
public sealed record Actor(string UserId, Guid OrganizationId, IReadOnlySet<string> Permissions, Guid? ApiKeyId = null)
{
    public bool Can(string permission) => Permissions.Contains(permission);
}
