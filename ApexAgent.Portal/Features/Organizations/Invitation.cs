using ApexAgent.Domain.Accounts;

namespace ApexAgent.Portal.Features.Organizations;

/// <summary>An emailed offer to join an organisation with a role at a place. Only the hash of its link's token is stored.</summary>
public sealed class Invitation
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public string Email { get; set; } = "";

    public OrganizationRole Role { get; set; }

    public Guid? UnitId { get; set; }

    public string InvitedByUserId { get; set; } = "";

    public string TokenHash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? AcceptedAt { get; set; }

    public string? AcceptedByUserId { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsOpenAt(DateTimeOffset now) => AcceptedAt is null && RevokedAt is null && ExpiresAt > now;

    public RoleAssignment Assignment => new(Role, UnitId);
}
