namespace ApexAgent.Portal.Features.Documents;

/// <summary>
/// A document a customer uploaded as evidence (a verification's proof of institution, a tax-exemption certificate).
/// Kept in the database beside the record it proves, checked for type and size on the way in, and never served from a
/// public path: each feature serves its documents through its own permission-checked endpoint.
/// </summary>
public sealed class StoredDocument
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    /// <summary>What it is evidence for, e.g. <c>verification</c> or <c>tax_exemption</c>.</summary>
    public string Purpose { get; set; } = "";

    /// <summary>The uploaded name, cleaned of paths and control characters.</summary>
    public string FileName { get; set; } = "";

    /// <summary>Detected from the content (never the browser's claim): application/pdf, image/png or image/jpeg.</summary>
    public string ContentType { get; set; } = "";

    public long SizeBytes { get; set; }

    /// <summary>SHA-256 of the content, hex: integrity, and shown to reviewers.</summary>
    public string Sha256 { get; set; } = "";

    public byte[] Content { get; set; } = [];

    public Guid? UploadedBy { get; set; }

    public DateTimeOffset UploadedAt { get; set; }
}
