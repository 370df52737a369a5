namespace ApexAgent.Portal.Features.Verification;

/// <summary>An organisation setting that lets agents handle regulated data (PHI, student records); on only after the
/// matching agreement is accepted.</summary>
public sealed class RegulatedFeatureSetting
{
    public Guid OrganizationId { get; set; }

    /// <summary><c>phi_handling</c> or <c>student_records</c>.</summary>
    public string Feature { get; set; } = "";

    public bool Enabled { get; set; }

    public string ChangedByUserId { get; set; } = "";

    public DateTimeOffset ChangedAt { get; set; }
}
