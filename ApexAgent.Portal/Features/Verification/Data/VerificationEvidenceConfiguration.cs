using ApexAgent.Portal.Features.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApexAgent.Portal.Features.Verification.Data;

internal sealed class VerificationEvidenceConfiguration : IEntityTypeConfiguration<VerificationEvidence>
{
    public void Configure(EntityTypeBuilder<VerificationEvidence> evidence)
    {
        evidence.ToTable("VerificationEvidence");
        evidence.HasKey(e => e.Id);
        evidence.HasOne<VerificationApplication>().WithMany().HasForeignKey(e => e.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        evidence.HasOne<StoredDocument>().WithMany().HasForeignKey(e => e.DocumentId).OnDelete(DeleteBehavior.Restrict);
        evidence.HasIndex(e => e.ApplicationId);
        evidence.HasIndex(e => new { e.OrganizationId, e.DocumentId }).IsUnique();
    }
}
