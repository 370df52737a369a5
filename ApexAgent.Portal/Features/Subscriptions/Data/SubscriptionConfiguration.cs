using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Features.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApexAgent.Portal.Features.Subscriptions.Data;

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> subscription)
    {
        subscription.ToTable("Subscriptions");
        subscription.HasKey(s => s.Id);
        subscription.Property(s => s.Tier).HasConversion<string>().HasMaxLength(20);
        subscription.Property(s => s.Cycle).HasConversion<string>().HasMaxLength(20);
        subscription.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        subscription.Ignore(s => s.CurrentPeriod);

        // One subscription per organisation: plan changes update it and are recorded in its history.
        subscription.HasIndex(s => s.OrganizationId).IsUnique();
        subscription.HasOne<Organization>().WithMany().HasForeignKey(s => s.OrganizationId);
    }
}
