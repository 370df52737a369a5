namespace ApexAgent.Domain.Accounts;

public enum OrganizationRole
{
    Member = 0,
    Manager = 1,
    Admin = 2,
    Owner = 3,
}
