namespace ApexAgent.Portal.Features.Verification;

/// <summary>One step in an application's history (submitted, more information requested, answered, approved, rejected,
/// reminded): shown to reviewers and the applicant, and audited in the organisation's log.</summary>
public sealed class VerificationEvent
{
    public Guid Id { get; set; }

    public Guid ApplicationId { get; set; }

    public Guid OrganizationId { get; set; }

    /// <summary>One of the verification.* audit actions.</summary>
    public string Action { get; set; } = "";

    public string? Note { get; set; }

    /// <summary>User id of who acted; null for the portal itself (reminders).</summary>
    public string? ActorUserId { get; set; }

    public DateTimeOffset At { get; set; }
}
