using ApexAgent.Portal.Features.Documents;

namespace ApexAgent.Portal.Features.Verification;

/// <summary>A submitted document as lists show it (never its content).</summary>
public sealed record VerificationDocumentView(Guid Id, string FileName, string ContentType, long SizeBytes, string Sha256, DateTimeOffset UploadedAt)
{
    public static VerificationDocumentView From(StoredDocument d) => new(d.Id, d.FileName, d.ContentType, d.SizeBytes, d.Sha256, d.UploadedAt);
}
