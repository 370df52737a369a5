namespace ApexAgent.Portal.Features.Tax;

/// <summary>
/// A customer's tax-exemption certificate for one jurisdiction (<c>US-NY</c>, <c>CA-BC</c> …), with its uploaded document.
/// Staff approve or reject it; an approved certificate exempts the organisation there until it expires (exclusive).
/// </summary>
public sealed class TaxExemptionCertificate
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public string Jurisdiction { get; set; } = "";

    public string CertificateNumber { get; set; } = "";

    public DateTimeOffset ExpiresAt { get; set; }

    public Guid? DocumentId { get; set; }

    public TaxExemptionStatus Status { get; set; }

    public string? SubmittedBy { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    public string? ReviewedBy { get; set; }

    public DateTimeOffset? ReviewedAt { get; set; }

    public string? ReviewNote { get; set; }

    /// <summary>When the "expires in 30 days" notice went out (once).</summary>
    public DateTimeOffset? ExpiryWarnedAt { get; set; }

    /// <summary>When the "has expired" notice went out (once).</summary>
    public DateTimeOffset? ExpiredNoticeAt { get; set; }

    public bool ExemptsAt(DateTimeOffset at) => Status == TaxExemptionStatus.Approved && at < ExpiresAt;
}
