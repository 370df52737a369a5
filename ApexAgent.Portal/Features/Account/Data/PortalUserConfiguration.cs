using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApexAgent.Portal.Features.Account.Data;

internal sealed class PortalUserConfiguration : IEntityTypeConfiguration<PortalUser>
{
    public void Configure(EntityTypeBuilder<PortalUser> user)
    {
        user.Property(u => u.DisplayName).HasMaxLength(100);
        user.Property(u => u.Company).HasMaxLength(200);
        user.Property(u => u.AddressLine1).HasMaxLength(200);
        user.Property(u => u.AddressLine2).HasMaxLength(200);
        user.Property(u => u.City).HasMaxLength(100);
        user.Property(u => u.Region).HasMaxLength(100);
        user.Property(u => u.PostalCode).HasMaxLength(20);
        user.Property(u => u.Country).HasMaxLength(2);
        user.Property(u => u.TaxId).HasMaxLength(40);
        user.Property(u => u.TimeZone).HasMaxLength(64);
        user.Property(u => u.PlatformRole).HasConversion<string>().HasMaxLength(20);
    }
}
