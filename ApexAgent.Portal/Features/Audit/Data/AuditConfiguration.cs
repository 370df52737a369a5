using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApexAgent.Portal.Features.Audit.Data;

/// <summary>
/// Audit entries keep no foreign keys: they outlive the users, keys and organisations they name. Free text (reason,
/// before, after) has no length limit, so that recording a change can never make the change itself fail.
/// </summary>
internal sealed class AuditConfiguration : IEntityTypeConfiguration<AuditEntry>, IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.ToTable("AuditEntries");
        entry.HasKey(e => e.Id);
        entry.HasIndex(e => new { e.ChainId, e.Sequence }).IsUnique();
        entry.HasIndex(e => new { e.ChainId, e.OccurredAt });
        entry.HasIndex(e => e.OccurredAt);
        entry.Property(e => e.Action).HasMaxLength(64);
        entry.Property(e => e.ActorUserId).HasMaxLength(450);
        entry.Property(e => e.ActorLabel).HasMaxLength(256);
        entry.Property(e => e.ImpersonatorUserId).HasMaxLength(450);
        entry.Property(e => e.ImpersonatorLabel).HasMaxLength(256);
        entry.Property(e => e.EntityType).HasMaxLength(64);
        entry.Property(e => e.EntityId).HasMaxLength(450);
        entry.Property(e => e.IpAddress).HasMaxLength(64);
        entry.Property(e => e.PreviousHash).HasMaxLength(64);
        entry.Property(e => e.Hash).HasMaxLength(64);
    }

    public void Configure(EntityTypeBuilder<AuditChainHead> head)
    {
        head.ToTable("AuditChainHeads");
        head.HasKey(h => h.ChainId);
        head.Property(h => h.ChainId).ValueGeneratedNever(); // the platform chain's id is Guid.Empty, a real value
        head.Property(h => h.LastHash).HasMaxLength(64);
    }
}
