namespace ApexAgent.Domain.Accounts;

/// <summary>Roles of ApexAgent's own staff, across all organisations.</summary>
public enum PlatformRole
{
    PlatformAdmin,
    Support,
}
