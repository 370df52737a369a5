namespace ApexAgent.Portal.Features.Tax.Api;

/// <summary>An exemption certificate as staff review it (<c>status</c>: pending, approved or rejected).</summary>
public sealed record TaxExemptionResponse(
    Guid Id, Guid OrganizationId, string OrganizationName, string Jurisdiction, string JurisdictionName, string CertificateNumber, DateTimeOffset ExpiresAt,
    string Status, string? DocumentName, string? DocumentSha256, string? DocumentUrl, DateTimeOffset SubmittedAt, string? ReviewedBy, DateTimeOffset? ReviewedAt, string? ReviewNote)
{
    public static TaxExemptionResponse From(TaxExemptionView v) =>
        new(v.Id, v.OrganizationId, v.OrganizationName, v.Jurisdiction, v.JurisdictionName, v.CertificateNumber, v.ExpiresAt, v.Status.ToString().ToLowerInvariant(),
            v.DocumentName, v.DocumentSha256, v.DocumentName is null ? null : $"/api/v1/admin/tax/exemptions/{v.Id}/document", v.SubmittedAt, v.ReviewedBy, v.ReviewedAt, v.ReviewNote);
}
