using ApexAgent.Portal.Features.Account;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApexAgent.Portal.Features.Organizations.Data;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>, IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Organization> organization)
    {
        organization.ToTable("Organizations");
        organization.Property(o => o.Name).HasMaxLength(200);
        organization.Property(o => o.Kind).HasConversion<string>().HasMaxLength(20);
        organization.Property(o => o.TimeZone).HasMaxLength(64);
    }

    public void Configure(EntityTypeBuilder<Membership> membership)
    {
        membership.ToTable("Memberships");
        membership.Property(m => m.Role).HasConversion<string>().HasMaxLength(20);
        membership.HasIndex(m => new { m.OrganizationId, m.UserId }).IsUnique();
        membership.HasIndex(m => m.UserId);
        membership.HasOne<Organization>().WithMany().HasForeignKey(m => m.OrganizationId);
        membership.HasOne<PortalUser>().WithMany().HasForeignKey(m => m.UserId);
    }
}
