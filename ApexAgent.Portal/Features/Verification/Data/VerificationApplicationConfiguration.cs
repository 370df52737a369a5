using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApexAgent.Portal.Features.Verification.Data;

internal sealed class VerificationApplicationConfiguration : IEntityTypeConfiguration<VerificationApplication>
{
    public void Configure(EntityTypeBuilder<VerificationApplication> application)
    {
        application.ToTable("VerificationApplications");
        application.HasKey(a => a.Id);
        application.Ignore(a => a.IsOpen);
        application.Property(a => a.LegalName).HasMaxLength(200);
        application.Property(a => a.Website).HasMaxLength(200);
        application.Property(a => a.Country).HasMaxLength(2);
        application.Property(a => a.InstitutionType).HasMaxLength(60);
        application.Property(a => a.OfficialId).HasMaxLength(20);
        application.Property(a => a.EmailDomain).HasMaxLength(253);
        application.Property(a => a.EmailDomainCheck).HasMaxLength(400);
        application.Property(a => a.ApplicantUserId).HasMaxLength(64);
        application.Property(a => a.ApplicantEmail).HasMaxLength(256);
        application.Property(a => a.Question).HasMaxLength(2000);
        application.Property(a => a.Answer).HasMaxLength(4000);
        application.Property(a => a.RejectionReason).HasMaxLength(2000);
        application.Property(a => a.DecidedBy).HasMaxLength(64);
        application.HasIndex(a => new { a.OrganizationId, a.Status });
        application.HasIndex(a => new { a.Status, a.SubmittedAt });
    }
}
