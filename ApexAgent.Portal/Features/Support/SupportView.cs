namespace ApexAgent.Portal.Features.Support;

/// <summary>
/// A support staff member viewing the portal as a customer sees it: read-only, with a reason, for at most
/// <see cref="Lifetime"/>. Every page viewed is audited in the customer's organisation with both identities.
/// </summary>
public sealed class SupportView
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    public Guid Id { get; set; }

    public string SupportUserId { get; set; } = "";

    public string CustomerUserId { get; set; } = "";

    public Guid OrganizationId { get; set; }

    public string Reason { get; set; } = "";

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public bool IsActiveAt(DateTimeOffset now) => EndedAt is null && ExpiresAt > now;
}
