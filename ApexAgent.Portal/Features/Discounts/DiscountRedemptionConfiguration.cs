using ApexAgent.Domain.Discounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApexAgent.Portal.Features.Discounts;

internal sealed class DiscountRedemptionConfiguration : IEntityTypeConfiguration<DiscountRedemption>
{
    public void Configure(EntityTypeBuilder<DiscountRedemption> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Code).HasMaxLength(DiscountCode.MaxCodeLength).IsRequired();
        builder.HasOne<DiscountCode>().WithMany().HasForeignKey(r => r.DiscountCodeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.OrganizationId, r.Status });
        builder.HasIndex(r => r.DiscountCodeId);
        builder.HasIndex(r => r.FirstInvoiceId).IsUnique();
    }
}
