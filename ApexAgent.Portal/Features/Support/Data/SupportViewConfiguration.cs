using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApexAgent.Portal.Features.Support.Data;

internal sealed class SupportViewConfiguration : IEntityTypeConfiguration<SupportView>
{
    public void Configure(EntityTypeBuilder<SupportView> view)
    {
        view.ToTable("SupportViews");
        view.Property(v => v.Reason).HasMaxLength(500);
        view.HasIndex(v => new { v.SupportUserId, v.EndedAt });
        view.HasOne<PortalUser>().WithMany().HasForeignKey(v => v.SupportUserId);
        view.HasOne<PortalUser>().WithMany().HasForeignKey(v => v.CustomerUserId); // a deleted account takes its views along; the audit log keeps them
        view.HasOne<Organization>().WithMany().HasForeignKey(v => v.OrganizationId);
    }
}
