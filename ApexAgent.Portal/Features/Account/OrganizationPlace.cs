using ApexAgent.Domain.Accounts;

namespace ApexAgent.Portal.Features.Account;

/// <summary>One organisation a person belongs to, and the role they hold there.</summary>
public sealed record OrganizationPlace(Guid OrganizationId, string OrganizationName, OrganizationKind Kind, RoleAssignment Assignment);
