namespace ApexAgent.Domain.Accounts;

/// <summary>A role held at a place in an organisation: the whole organisation (a null scope), a department or a team.</summary>
public sealed record RoleAssignment(OrganizationRole Role, Guid? Scope);
