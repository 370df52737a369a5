using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApexAgent.Portal.Features.Credits.Data;

internal sealed class GrantConfiguration : IEntityTypeConfiguration<Grant>
{
    public void Configure(EntityTypeBuilder<Grant> grant)
    {
        grant.ToTable("CreditGrants");
        grant.HasKey(g => g.Id);
        grant.Property(g => g.Source).HasMaxLength(200);
        grant.Property(g => g.Description).HasMaxLength(300);
        grant.Property(g => g.GrantedBy).HasMaxLength(450);
        grant.HasIndex(g => new { g.OrganizationId, g.Source }).IsUnique();

        // The hot path reads an organisation's live grants; the sweep finds ended grants with credits left.
        grant.HasIndex(g => new { g.OrganizationId, g.ExpiresAt }).HasFilter("\"Remaining\" > 0").HasDatabaseName("IX_CreditGrants_Live");
        grant.HasIndex(g => g.ExpiresAt).HasFilter("\"Remaining\" > 0").HasDatabaseName("IX_CreditGrants_ToExpire");
        // No (OrganizationId, CreatedAt) index: an organisation's grants are found through (OrganizationId, Source), and
        // every index is one more random insert in the renewal batch, which writes a grant per renewal.
    }
}

internal sealed class CreditEntryConfiguration : IEntityTypeConfiguration<CreditEntry>
{
    public void Configure(EntityTypeBuilder<CreditEntry> entry)
    {
        entry.ToTable("CreditEntries");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Id).ValueGeneratedOnAdd();
        entry.Property(e => e.UserId).HasMaxLength(450);
        entry.Property(e => e.Note).HasMaxLength(300);
        entry.HasIndex(e => new { e.OrganizationId, e.Id });
        entry.HasIndex(e => e.UsageEventId).HasFilter("\"UsageEventId\" IS NOT NULL");
        entry.HasIndex(e => e.Reverses).IsUnique().HasFilter("\"Reverses\" IS NOT NULL");
    }
}

internal sealed class UsageEventConfiguration : IEntityTypeConfiguration<UsageEvent>
{
    public void Configure(EntityTypeBuilder<UsageEvent> usage)
    {
        usage.ToTable("UsageEvents");
        usage.HasKey(u => u.Id);
        usage.Property(u => u.Id).ValueGeneratedOnAdd();
        usage.Property(u => u.EventId).HasMaxLength(128);
        usage.Property(u => u.Feature).HasMaxLength(64);
        usage.Property(u => u.UserId).HasMaxLength(450);
        usage.Property(u => u.Metadata).HasMaxLength(4096);
        usage.Property(u => u.ReversalReason).HasMaxLength(300);
        usage.HasIndex(u => new { u.OrganizationId, u.EventId }).IsUnique();
    }
}

internal sealed class UsageDayConfiguration : IEntityTypeConfiguration<UsageDay>
{
    public void Configure(EntityTypeBuilder<UsageDay> day)
    {
        day.ToTable("UsageDays");
        day.HasKey(d => new { d.OrganizationId, d.Day, d.Feature, d.UserId });
        day.Property(d => d.Feature).HasMaxLength(64);
        day.Property(d => d.UserId).HasMaxLength(450);

        // Covers the dashboard's range reads (an organisation's days, by person and feature) without a table lookup per row.
        day.HasIndex(d => new { d.OrganizationId, d.Day, d.UserId, d.Feature, d.Used, d.Events }).HasDatabaseName("IX_UsageDays_Covering");
    }
}

internal sealed class UsageHourConfiguration : IEntityTypeConfiguration<UsageHour>
{
    public void Configure(EntityTypeBuilder<UsageHour> hour)
    {
        hour.ToTable("UsageHours");
        hour.HasKey(h => new { h.OrganizationId, h.Hour, h.Feature });
        hour.Property(h => h.Feature).HasMaxLength(64);
    }
}

internal sealed class CreditBurnDayConfiguration : IEntityTypeConfiguration<CreditBurnDay>
{
    public void Configure(EntityTypeBuilder<CreditBurnDay> burn)
    {
        burn.ToTable("CreditBurnDays");
        burn.HasKey(b => new { b.OrganizationId, b.Day, b.Kind });
    }
}

internal sealed class CreditPoolConfiguration : IEntityTypeConfiguration<CreditPool>
{
    public void Configure(EntityTypeBuilder<CreditPool> pool)
    {
        pool.ToTable("CreditPools");
        pool.HasKey(p => p.OrganizationId);
        pool.Property(p => p.AutoTopUpPack).HasMaxLength(40);
        pool.Property(p => p.Version).IsConcurrencyToken();
    }
}

internal sealed class LowBalanceAlertConfiguration : IEntityTypeConfiguration<LowBalanceAlert>
{
    public void Configure(EntityTypeBuilder<LowBalanceAlert> alert)
    {
        alert.ToTable("LowBalanceAlerts");
        alert.HasKey(a => new { a.OrganizationId, a.UserId });
        alert.Property(a => a.UserId).HasMaxLength(450);
    }
}

internal sealed class RateCardVersionConfiguration : IEntityTypeConfiguration<RateCardVersion>
{
    public void Configure(EntityTypeBuilder<RateCardVersion> version)
    {
        version.ToTable("RateCardVersions");
        version.HasKey(v => v.Version);
        version.Property(v => v.Version).ValueGeneratedNever();
        version.Property(v => v.CreatedBy).HasMaxLength(450);
        version.Property(v => v.Note).HasMaxLength(300);
        version.HasIndex(v => v.EffectiveFrom);
    }
}
