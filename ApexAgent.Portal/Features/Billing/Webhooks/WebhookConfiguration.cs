using ApexAgent.Portal.Features.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApexAgent.Portal.Features.Billing.Webhooks;

internal sealed class ProcessorEventConfiguration : IEntityTypeConfiguration<ProcessorEvent>
{
    public void Configure(EntityTypeBuilder<ProcessorEvent> e)
    {
        e.ToTable("ProcessorEvents");
        e.HasKey(x => x.Id);
        e.Property(x => x.Processor).HasMaxLength(20);
        e.Property(x => x.EventId).HasMaxLength(120);
        e.Property(x => x.Type).HasMaxLength(120);
        e.Property(x => x.ObjectId).HasMaxLength(120);
        e.Property(x => x.Detail).HasMaxLength(500);
        e.HasIndex(x => new { x.Processor, x.EventId }).IsUnique();
        e.HasIndex(x => x.ReceivedAt);
        e.HasIndex(x => new { x.Outcome, x.ObjectId });
    }
}

internal sealed class PaymentDisputeConfiguration : IEntityTypeConfiguration<PaymentDispute>
{
    public void Configure(EntityTypeBuilder<PaymentDispute> d)
    {
        d.ToTable("PaymentDisputes");
        d.HasKey(x => x.Id);
        d.Property(x => x.Processor).HasMaxLength(20);
        d.Property(x => x.ProcessorDisputeId).HasMaxLength(120);
        d.Property(x => x.CurrencyCode).HasMaxLength(3);
        d.Property(x => x.Reason).HasMaxLength(200);
        d.Ignore(x => x.Amount);
        d.HasIndex(x => new { x.Processor, x.ProcessorDisputeId }).IsUnique();
        d.HasIndex(x => x.InvoiceId);
        d.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId);
    }
}
