using ApexAgent.Domain.Accounts;

namespace ApexAgent.Portal.Features.Verification;

/// <summary>
/// An organisation's application to be verified as an education or healthcare institution, and — once approved — the
/// verification itself, valid until <see cref="ExpiresAt"/>. Renewing is a new application; the latest approval wins.
/// </summary>
public sealed class VerificationApplication
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public AccountType Type { get; set; }

    public VerificationStatus Status { get; set; }

    public string LegalName { get; set; } = "";

    public string Website { get; set; } = "";

    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    public string Country { get; set; } = "";

    public string InstitutionType { get; set; } = "";

    /// <summary>NPI, IPEDS or NCES id, digits only; optional.</summary>
    public string? OfficialId { get; set; }

    public string EmailDomain { get; set; } = "";

    /// <summary>What the email-domain check found, for the reviewer, e.g. "applicant's address ada@uni.edu is on uni.edu".</summary>
    public string EmailDomainCheck { get; set; } = "";

    public string ApplicantUserId { get; set; } = "";

    public string ApplicantEmail { get; set; } = "";

    public DateTimeOffset SubmittedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The reviewer's open question while more information is requested.</summary>
    public string? Question { get; set; }

    /// <summary>The applicant's latest answer to a question.</summary>
    public string? Answer { get; set; }

    public string? RejectionReason { get; set; }

    public string? DecidedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>Exclusive end of an approved verification.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? Reminded30DaysAt { get; set; }

    public DateTimeOffset? Reminded7DaysAt { get; set; }

    public DateTimeOffset? ExpiryNoticeAt { get; set; }

    public bool IsOpen => Status is VerificationStatus.Submitted or VerificationStatus.MoreInformationRequested;

    public bool IsValidAt(DateTimeOffset at) => Status == VerificationStatus.Approved && DecidedAt <= at && at < ExpiresAt;
}
