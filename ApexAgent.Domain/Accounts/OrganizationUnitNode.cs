namespace ApexAgent.Domain.Accounts;

/// <summary>A department or team: one node of an organisation's tree. A null parent is the organisation itself.</summary>
public sealed record OrganizationUnitNode(Guid Id, Guid? ParentId, UnitKind Kind, string Name);
