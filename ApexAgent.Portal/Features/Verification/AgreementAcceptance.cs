namespace ApexAgent.Portal.Features.Verification;

/// <summary>An owner's acceptance of a regulated-data agreement (BAA or student-data terms): who, when, which version, from where.</summary>
public sealed class AgreementAcceptance
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    /// <summary><c>baa</c> or <c>ferpa</c> (RegulatedAgreements).</summary>
    public string Agreement { get; set; } = "";

    public string Version { get; set; } = "";

    public string AcceptedByUserId { get; set; } = "";

    public string AcceptedByEmail { get; set; } = "";

    public DateTimeOffset AcceptedAt { get; set; }

    public string? IpAddress { get; set; }
}
