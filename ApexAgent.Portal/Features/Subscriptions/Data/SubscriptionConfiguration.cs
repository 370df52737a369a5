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

        subscription.Property(s => s.CollectionMethod).HasConversion<string>().HasMaxLength(30);
        subscription.Property(s => s.ScheduledTier).HasConversion<string>().HasMaxLength(20);
        subscription.Property(s => s.ScheduledCycle).HasConversion<string>().HasMaxLength(20);
        subscription.Property(s => s.EndReason).HasMaxLength(30);
        subscription.Ignore(s => s.HasScheduledChange);
        subscription.Ignore(s => s.InForce);

        // One subscription in force per organisation. Ended ones stay as history; an incomplete one waits for its
        // first payment beside the plan still in force.
        subscription.HasIndex(s => s.OrganizationId).IsUnique()
            .HasFilter("\"Status\" IN ('Active', 'PastDue')")
            .HasDatabaseName("IX_Subscriptions_OneInForcePerOrganization");
        subscription.HasIndex(s => new { s.Status, s.CurrentPeriodEnd });
        subscription.HasOne<Organization>().WithMany().HasForeignKey(s => s.OrganizationId);
    }
}
