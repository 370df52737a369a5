using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApexAgent.Portal.Features.Email.Data;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> message)
    {
        message.ToTable("EmailOutbox");
        message.Property(m => m.To).HasMaxLength(256);
        message.Property(m => m.Subject).HasMaxLength(300);
        message.Property(m => m.DeliveredVia).HasMaxLength(20);
        message.Property(m => m.LastError).HasMaxLength(1000);
        message.HasIndex(m => m.SentAt);
        message.HasIndex(m => m.To);
    }
}
