using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApexAgent.Portal.Integrations.PayPal;

internal sealed class PayPalChargeConfiguration : IEntityTypeConfiguration<PayPalCharge>
{
    public void Configure(EntityTypeBuilder<PayPalCharge> charge)
    {
        charge.ToTable("PayPalCharges");
        charge.HasKey(c => c.IdempotencyKey);
        charge.Property(c => c.IdempotencyKey).HasMaxLength(120);
        charge.Property(c => c.Kind).HasMaxLength(20);
        charge.Property(c => c.OrderId).HasMaxLength(60);
        charge.Property(c => c.CaptureId).HasMaxLength(60);
        charge.Property(c => c.VaultId).HasMaxLength(200);
        charge.Property(c => c.CurrencyCode).HasMaxLength(3);
        charge.Property(c => c.Description).HasMaxLength(127);
        charge.Property(c => c.FailureCode).HasMaxLength(60);
        charge.HasIndex(c => c.OrderId);
        charge.HasIndex(c => c.CaptureId);
        charge.HasIndex(c => c.CreatedAt);
    }
}
