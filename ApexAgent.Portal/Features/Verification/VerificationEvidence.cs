namespace ApexAgent.Portal.Features.Verification;

/// <summary>A document (Features/Documents) submitted with a verification application or with an answer.</summary>
public sealed class VerificationEvidence
{
    public Guid Id { get; set; }

    public Guid ApplicationId { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid DocumentId { get; set; }

    public DateTimeOffset AddedAt { get; set; }
}
