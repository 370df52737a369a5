using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApexAgent.Portal.Features.Verification.Data;

internal sealed class VerificationEventConfiguration : IEntityTypeConfiguration<VerificationEvent>
{
    public void Configure(EntityTypeBuilder<VerificationEvent> entry)
    {
        entry.ToTable("VerificationEvents");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Action).HasMaxLength(60);
        entry.Property(e => e.Note).HasMaxLength(4000);
        entry.Property(e => e.ActorUserId).HasMaxLength(64);
        entry.HasOne<VerificationApplication>().WithMany().HasForeignKey(e => e.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        entry.HasIndex(e => e.ApplicationId);
    }
}
