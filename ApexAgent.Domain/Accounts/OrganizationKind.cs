namespace ApexAgent.Domain.Accounts;

public enum OrganizationKind
{
    /// <summary>The one-person organisation every user gets at registration.</summary>
    Personal = 0,
    Business = 1,
}
