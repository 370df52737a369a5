using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApexAgent.Portal.Features.Notifications.Data;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> notification)
    {
        notification.ToTable("Notifications");
        notification.HasKey(n => n.Id);
        notification.Property(n => n.UserId).HasMaxLength(450);
        notification.Property(n => n.Kind).HasMaxLength(60);
        notification.Property(n => n.DedupeKey).HasMaxLength(200);
        notification.Property(n => n.Title).HasMaxLength(200);
        notification.Property(n => n.Body).HasMaxLength(1000);
        notification.Property(n => n.Link).HasMaxLength(200);
        notification.HasIndex(n => n.DedupeKey).IsUnique();
        notification.HasIndex(n => new { n.UserId, n.CreatedAt });
    }
}
