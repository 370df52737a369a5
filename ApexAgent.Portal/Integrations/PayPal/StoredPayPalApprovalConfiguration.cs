using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApexAgent.Portal.Integrations.PayPal;

internal sealed class StoredPayPalApprovalConfiguration : IEntityTypeConfiguration<StoredPayPalApproval>
{
    public void Configure(EntityTypeBuilder<StoredPayPalApproval> approval)
    {
        approval.ToTable("PayPalApprovals");
        approval.HasKey(a => a.Id);
        approval.Property(a => a.Kind).HasMaxLength(10);
        approval.Property(a => a.PayPalId).HasMaxLength(60);
        approval.Property(a => a.PackCode).HasMaxLength(40);
        approval.Property(a => a.CurrencyCode).HasMaxLength(3);
        approval.Property(a => a.RequestedBy).HasMaxLength(450);
        approval.Property(a => a.Outcome).HasMaxLength(20);
        approval.HasIndex(a => new { a.Kind, a.PayPalId });
        approval.HasIndex(a => a.OrganizationId);
        approval.HasIndex(a => a.ExpiresAt);
    }
}
