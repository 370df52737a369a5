using ApexAgent.Domain.Accounts;

namespace ApexAgent.Portal.Features.Organizations;

/// <summary>A department or team of an organisation.</summary>
public sealed class OrganizationUnit
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    /// <summary>The unit above this one; null when it sits directly under the organisation.</summary>
    public Guid? ParentId { get; set; }

    public UnitKind Kind { get; set; }

    public string Name { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public OrganizationUnitNode Node => new(Id, ParentId, Kind, Name);
}
