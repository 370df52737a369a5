using ApexAgent.Domain.Accounts;

namespace ApexAgent.Portal.Features.Organizations;

/// <summary>A user's place in an organisation.</summary>
public sealed class Membership
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public string UserId { get; set; } = "";

    public OrganizationRole Role { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
