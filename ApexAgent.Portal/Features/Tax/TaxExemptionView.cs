namespace ApexAgent.Portal.Features.Tax;

/// <summary>An exemption certificate as customers and reviewers see it.</summary>
public sealed record TaxExemptionView(Guid Id, Guid OrganizationId, string OrganizationName, string Jurisdiction, string JurisdictionName, string CertificateNumber, DateTimeOffset ExpiresAt,
    TaxExemptionStatus Status, string? DocumentName, string? DocumentSha256, DateTimeOffset SubmittedAt, string? ReviewedBy, DateTimeOffset? ReviewedAt, string? ReviewNote);
