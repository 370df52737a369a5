using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApexAgent.Portal.Features.Verification.Data;

internal sealed class RegulatedFeatureSettingConfiguration : IEntityTypeConfiguration<RegulatedFeatureSetting>
{
    public void Configure(EntityTypeBuilder<RegulatedFeatureSetting> setting)
    {
        setting.ToTable("RegulatedFeatureSettings");
        setting.HasKey(s => new { s.OrganizationId, s.Feature });
        setting.Property(s => s.Feature).HasMaxLength(40);
        setting.Property(s => s.ChangedByUserId).HasMaxLength(64);
    }
}
