using ApexAgent.Domain.Accounts;

namespace ApexAgent.Portal.Features.Organizations;

/// <summary>A user's place in an organisation: a role held at the organisation, a department or a team.</summary>
public sealed class Membership
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public string UserId { get; set; } = "";

    public OrganizationRole Role { get; set; }

    /// <summary>The department or team the role is held at; null for the whole organisation.</summary>
    public Guid? UnitId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public RoleAssignment Assignment => new(Role, UnitId);
}
