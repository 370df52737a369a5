using ApexAgent.Portal.Features.Organizations;
using ApexAgent.Portal.Features.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApexAgent.Portal.Features.Tax.Data;

internal sealed class TaxExemptionCertificateConfiguration : IEntityTypeConfiguration<TaxExemptionCertificate>
{
    public void Configure(EntityTypeBuilder<TaxExemptionCertificate> certificate)
    {
        certificate.ToTable("TaxExemptionCertificates");
        certificate.HasKey(c => c.Id);
        certificate.Property(c => c.Jurisdiction).HasMaxLength(10);
        certificate.Property(c => c.CertificateNumber).HasMaxLength(60);
        certificate.Property(c => c.SubmittedBy).HasMaxLength(100);
        certificate.Property(c => c.ReviewedBy).HasMaxLength(100);
        certificate.Property(c => c.ReviewNote).HasMaxLength(500);
        certificate.HasIndex(c => new { c.OrganizationId, c.Status });
        certificate.HasIndex(c => c.Status);
        certificate.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId);
        certificate.HasOne<StoredDocument>().WithMany().HasForeignKey(c => c.DocumentId);
    }
}
