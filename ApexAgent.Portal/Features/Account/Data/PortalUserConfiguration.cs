using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApexAgent.Portal.Features.Account.Data;

internal sealed class PortalUserConfiguration : IEntityTypeConfiguration<PortalUser>
{
    public void Configure(EntityTypeBuilder<PortalUser> user)
    {
        user.OwnsOne(u => u.Profile, profile =>
        {
            profile.Property(p => p.DisplayName).HasColumnName("DisplayName").HasMaxLength(100);
            profile.Property(p => p.Company).HasColumnName("Company").HasMaxLength(200);
            profile.Property(p => p.AddressLine1).HasColumnName("AddressLine1").HasMaxLength(200);
            profile.Property(p => p.AddressLine2).HasColumnName("AddressLine2").HasMaxLength(200);
            profile.Property(p => p.City).HasColumnName("City").HasMaxLength(100);
            profile.Property(p => p.Region).HasColumnName("Region").HasMaxLength(100);
            profile.Property(p => p.PostalCode).HasColumnName("PostalCode").HasMaxLength(20);
            profile.Property(p => p.Country).HasColumnName("Country").HasMaxLength(2);
            profile.Property(p => p.TaxId).HasColumnName("TaxId").HasMaxLength(40);
            profile.Property(p => p.TimeZone).HasColumnName("TimeZone").HasMaxLength(64);
        });
        user.Navigation(u => u.Profile).IsRequired();
        user.Property(u => u.PlatformRole).HasConversion<string>().HasMaxLength(20);
    }
}
