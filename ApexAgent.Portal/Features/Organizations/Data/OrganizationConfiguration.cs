using ApexAgent.Portal.Features.Account;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApexAgent.Portal.Features.Organizations.Data;

internal sealed class OrganizationConfiguration :
    IEntityTypeConfiguration<Organization>,
    IEntityTypeConfiguration<Membership>,
    IEntityTypeConfiguration<OrganizationUnit>,
    IEntityTypeConfiguration<Invitation>
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
        membership.HasOne<OrganizationUnit>().WithMany().HasForeignKey(m => m.UnitId).OnDelete(DeleteBehavior.Restrict);
        membership.Ignore(m => m.Assignment);
    }

    public void Configure(EntityTypeBuilder<OrganizationUnit> unit)
    {
        unit.ToTable("OrganizationUnits");
        unit.Property(u => u.Name).HasMaxLength(100);
        unit.Property(u => u.Kind).HasConversion<string>().HasMaxLength(20);
        unit.HasIndex(u => u.OrganizationId);
        unit.HasOne<Organization>().WithMany().HasForeignKey(u => u.OrganizationId);
        unit.HasOne<OrganizationUnit>().WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
        unit.Ignore(u => u.Node);
    }

    public void Configure(EntityTypeBuilder<Invitation> invitation)
    {
        invitation.ToTable("Invitations");
        invitation.Property(i => i.Email).HasMaxLength(256);
        invitation.Property(i => i.Role).HasConversion<string>().HasMaxLength(20);
        invitation.Property(i => i.TokenHash).HasMaxLength(64);
        invitation.HasIndex(i => i.TokenHash).IsUnique();
        invitation.HasIndex(i => new { i.OrganizationId, i.Email });
        invitation.HasOne<Organization>().WithMany().HasForeignKey(i => i.OrganizationId);
        invitation.HasOne<OrganizationUnit>().WithMany().HasForeignKey(i => i.UnitId).OnDelete(DeleteBehavior.Restrict);
        invitation.Ignore(i => i.Assignment);
    }
}
