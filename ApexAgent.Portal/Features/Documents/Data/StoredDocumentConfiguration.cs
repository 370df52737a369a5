using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApexAgent.Portal.Features.Documents.Data;

internal sealed class StoredDocumentConfiguration : IEntityTypeConfiguration<StoredDocument>
{
    public void Configure(EntityTypeBuilder<StoredDocument> document)
    {
        document.ToTable("StoredDocuments");
        document.HasKey(d => d.Id);
        document.Property(d => d.Purpose).HasMaxLength(40);
        document.Property(d => d.FileName).HasMaxLength(120);
        document.Property(d => d.ContentType).HasMaxLength(40);
        document.Property(d => d.Sha256).HasMaxLength(64);
        document.HasIndex(d => new { d.OrganizationId, d.Purpose });
    }
}
