using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApexAgent.Portal.Features.Verification.Data;

internal sealed class AgreementAcceptanceConfiguration : IEntityTypeConfiguration<AgreementAcceptance>
{
    public void Configure(EntityTypeBuilder<AgreementAcceptance> acceptance)
    {
        acceptance.ToTable("AgreementAcceptances");
        acceptance.HasKey(a => a.Id);
        acceptance.Property(a => a.Agreement).HasMaxLength(20);
        acceptance.Property(a => a.Version).HasMaxLength(20);
        acceptance.Property(a => a.AcceptedByUserId).HasMaxLength(64);
        acceptance.Property(a => a.AcceptedByEmail).HasMaxLength(256);
        acceptance.Property(a => a.IpAddress).HasMaxLength(64);
        acceptance.HasIndex(a => new { a.OrganizationId, a.Agreement, a.Version }).IsUnique();
    }
}
