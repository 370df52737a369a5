using System.Security.Cryptography;
using ApexAgent.Domain.Common;

namespace ApexAgent.Portal.Features.Documents;

/// <summary>
/// Accepts an uploaded document only when it is what it claims to be: a PDF, PNG or JPEG by its first bytes, not empty,
/// at most <see cref="MaxBytes"/>. The name is cleaned (no directories, no control characters, at most 120 characters).
/// </summary>
public static class DocumentUpload
{
    public const long MaxBytes = 10 * 1024 * 1024;

    public const string Accept = ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg";

    private static readonly (string Type, byte[] Magic)[] Signatures =
    [
        ("application/pdf", "%PDF-"u8.ToArray()),
        ("image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        ("image/jpeg", [0xFF, 0xD8, 0xFF]),
    ];

    /// <summary>Reads at most <see cref="MaxBytes"/> + 1 bytes from <paramref name="content"/> (so an oversized upload is refused without reading it all).</summary>
    public static async Task<Result<StoredDocument>> ReadAsync(Guid organizationId, string purpose, string? fileName, Stream content, Guid? uploadedBy, DateTimeOffset now, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes)
            {
                return TooLarge;
            }
        }

        return Check(organizationId, purpose, fileName, buffer.ToArray(), uploadedBy, now);
    }

    public static Result<StoredDocument> Check(Guid organizationId, string purpose, string? fileName, byte[] content, Guid? uploadedBy, DateTimeOffset now)
    {
        if (content.Length == 0)
        {
            return Invalid("The file is empty. Choose a PDF, PNG or JPEG document.");
        }

        if (content.Length > MaxBytes)
        {
            return TooLarge;
        }

        var type = Signatures.FirstOrDefault(s => content.AsSpan().StartsWith(s.Magic)).Type;
        if (type is null)
        {
            return Invalid("Only PDF, PNG or JPEG documents are accepted.");
        }

        return new StoredDocument
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = organizationId,
            Purpose = purpose,
            FileName = CleanName(fileName, type),
            ContentType = type,
            SizeBytes = content.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            Content = content,
            UploadedBy = uploadedBy,
            UploadedAt = now,
        };
    }

    private static string CleanName(string? fileName, string type)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c) && c is not ('"' or '<' or '>' or '|' or '*' or '?' or ':')).ToArray()).Trim();
        if (name.Length > 120)
        {
            name = name[^120..];
        }

        return name.Length > 0 ? name : type switch { "application/pdf" => "document.pdf", "image/png" => "document.png", _ => "document.jpg" };
    }

    private static Error TooLarge => Invalid($"The file is larger than {MaxBytes / (1024 * 1024)} MB. Upload a smaller scan.");

    private static Error Invalid(string message) => Error.Invalid(new Dictionary<string, string[]> { ["document"] = [message] });
}
