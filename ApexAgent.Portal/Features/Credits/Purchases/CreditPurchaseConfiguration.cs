using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApexAgent.Portal.Features.Credits.Purchases;

internal sealed class CreditPurchaseConfiguration : IEntityTypeConfiguration<CreditPurchase>
{
    public void Configure(EntityTypeBuilder<CreditPurchase> purchase)
    {
        purchase.ToTable("CreditPurchases");
        purchase.HasKey(p => p.Id);
        purchase.Property(p => p.PackCode).HasMaxLength(40);
        purchase.Property(p => p.CurrencyCode).HasMaxLength(3);
        purchase.Property(p => p.RequestKey).HasMaxLength(160);
        purchase.Property(p => p.FailureCode).HasMaxLength(60);
        purchase.Property(p => p.FailureMessage).HasMaxLength(300);
        purchase.Property(p => p.RequestedBy).HasMaxLength(450);
        purchase.HasIndex(p => new { p.OrganizationId, p.RequestKey }).IsUnique();

        // Never two charges for credits at once for one organisation (two instances, two tabs, auto top-up and a click).
        purchase.HasIndex(p => p.OrganizationId).IsUnique().HasFilter("\"Status\" = 0").HasDatabaseName("IX_CreditPurchases_Charging");
        purchase.HasIndex(p => new { p.OrganizationId, p.CreatedAt });
        purchase.HasIndex(p => p.InvoiceId);
    }
}
