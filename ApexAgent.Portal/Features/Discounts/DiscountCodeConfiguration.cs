using ApexAgent.Domain.Discounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApexAgent.Portal.Features.Discounts;

internal sealed class DiscountCodeConfiguration : IEntityTypeConfiguration<DiscountCode>
{
    public void Configure(EntityTypeBuilder<DiscountCode> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Code).HasMaxLength(DiscountCode.MaxCodeLength).IsRequired();
        builder.HasIndex(c => c.Code).IsUnique();
        builder.Property(c => c.CurrencyCode).HasMaxLength(3);
        builder.Property(c => c.Tiers).HasMaxLength(64);
        builder.Property(c => c.Cycles).HasMaxLength(32);
        builder.Property(c => c.Note).HasMaxLength(500);
        builder.Ignore(c => c.PercentOff);
        builder.Ignore(c => c.TierList);
        builder.Ignore(c => c.CycleList);
    }
}
