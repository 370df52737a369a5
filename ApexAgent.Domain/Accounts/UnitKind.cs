namespace ApexAgent.Domain.Accounts;

/// <summary>The kinds of node below an organisation.</summary>
public enum UnitKind
{
    Department = 0,
    Team = 1,
}
