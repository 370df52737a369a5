using System.Security.Cryptography;
using System.Text;
using ApexAgent.Portal.Features.Documents;

namespace ApexAgent.Tests.Portal.Documents;

public sealed class DocumentUploadTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Organization = Guid.NewGuid();

    public static TheoryData<byte[], string> Accepted => new()
    {
        { [.. "%PDF-1.7\n"u8, .. new byte[100]], "application/pdf" },
        { [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3], "image/png" },
        { [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10], "image/jpeg" },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void The_type_comes_from_the_content(byte[] content, string type)
    {
        var checkedDocument = DocumentUpload.Check(Organization, "verification", "proof.bin", content, null, Now);

        Assert.True(checkedDocument.IsSuccess);
        Assert.Equal(type, checkedDocument.Value.ContentType);
        Assert.Equal(content.Length, checkedDocument.Value.SizeBytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), checkedDocument.Value.Sha256);
    }

    [Theory]
    [InlineData("just text pretending to be a pdf")]
    [InlineData("<html><script>alert(1)</script></html>")]
    [InlineData("PK\u0003\u0004 a zip file")]
    public void Anything_else_is_refused_whatever_its_name(string text)
    {
        var refused = DocumentUpload.Check(Organization, "verification", "certificate.pdf", Encoding.UTF8.GetBytes(text), null, Now);

        Assert.False(refused.IsSuccess);
        Assert.Equal("validation_failed", refused.Error.Code);
        Assert.Contains("PDF, PNG or JPEG", refused.Error.Fields["document"][0]);
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        Assert.False(DocumentUpload.Check(Organization, "verification", "empty.pdf", [], null, Now).IsSuccess);
    }

    [Fact]
    public async Task An_oversized_upload_is_refused_without_reading_all_of_it()
    {
        var stream = new CountingStream(DocumentUpload.MaxBytes * 3);

        var refused = await DocumentUpload.ReadAsync(Organization, "verification", "big.pdf", stream, null, Now, CancellationToken.None);

        Assert.False(refused.IsSuccess);
        Assert.Contains("larger than 10 MB", refused.Error.Fields["document"][0]);
        Assert.True(stream.Position <= DocumentUpload.MaxBytes + 81920, $"read {stream.Position} bytes");
    }

    [Fact]
    public async Task A_document_at_the_limit_is_accepted()
    {
        var content = new byte[DocumentUpload.MaxBytes];
        "%PDF-"u8.CopyTo(content);

        var accepted = await DocumentUpload.ReadAsync(Organization, "tax_exemption", "limit.pdf", new MemoryStream(content), null, Now, CancellationToken.None);

        Assert.True(accepted.IsSuccess);
        Assert.Equal(DocumentUpload.MaxBytes, accepted.Value.SizeBytes);
    }

    [Theory]
    [InlineData("../../etc/passwd.pdf", "passwd.pdf")]
    [InlineData("C:\\Users\\me\\scan.pdf", "scan.pdf")]
    [InlineData("re\u0000port\u001f<x>.pdf", "reportx.pdf")]
    [InlineData("   ", "document.pdf")]
    [InlineData(null, "document.pdf")]
    public void Names_are_cleaned(string? name, string expected)
    {
        var accepted = DocumentUpload.Check(Organization, "verification", name, [.. "%PDF-1.4"u8], null, Now);

        Assert.Equal(expected, accepted.Value.FileName);
    }

    [Fact]
    public void Long_names_keep_their_end()
    {
        var accepted = DocumentUpload.Check(Organization, "verification", new string('a', 300) + ".pdf", [.. "%PDF-1.4"u8], null, Now);

        Assert.Equal(120, accepted.Value.FileName.Length);
        Assert.EndsWith(".pdf", accepted.Value.FileName);
    }

    /// <summary>An endless stream of zeros that counts what was read.</summary>
    private sealed class CountingStream(long length) : Stream
    {
        private long position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - position);
            Array.Clear(buffer, offset, n);
            position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
