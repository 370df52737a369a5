using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApexAgent.Portal.Features.Billing.Reconciliation;

internal sealed class ReconciliationRunConfiguration : IEntityTypeConfiguration<ReconciliationRun>
{
    public void Configure(EntityTypeBuilder<ReconciliationRun> run)
    {
        run.ToTable("ReconciliationRuns");
        run.HasKey(r => r.Id);
        run.Property(r => r.StartedBy).HasMaxLength(256);
        run.Property(r => r.Processors).HasMaxLength(200);
        run.Property(r => r.Failures).HasMaxLength(2000);
        run.HasIndex(r => new { r.Day, r.StartedAt });
    }
}

internal sealed class ReconciliationMismatchConfiguration : IEntityTypeConfiguration<ReconciliationMismatch>
{
    public void Configure(EntityTypeBuilder<ReconciliationMismatch> mismatch)
    {
        mismatch.ToTable("ReconciliationMismatches");
        mismatch.HasKey(m => m.Id);
        mismatch.Property(m => m.Processor).HasMaxLength(20);
        mismatch.Property(m => m.IdempotencyKey).HasMaxLength(200);
        mismatch.Property(m => m.ProcessorPaymentId).HasMaxLength(200);
        mismatch.Property(m => m.CurrencyCode).HasMaxLength(3);
        mismatch.Property(m => m.Detail).HasMaxLength(1000);
        mismatch.Property(m => m.ResolvedBy).HasMaxLength(256);
        mismatch.Property(m => m.ResolutionNote).HasMaxLength(1000);
        mismatch.Ignore(m => m.Fingerprint);
        mismatch.HasOne<ReconciliationRun>().WithMany().HasForeignKey(m => m.RunId);
        mismatch.HasIndex(m => new { m.Day, m.ResolvedAt });
        mismatch.HasIndex(m => m.RunId);
    }
}
