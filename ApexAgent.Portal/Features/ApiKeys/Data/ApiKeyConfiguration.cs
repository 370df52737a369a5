using ApexAgent.Domain.ApiKeys;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApexAgent.Portal.Features.ApiKeys.Data;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> key)
    {
        key.ToTable("ApiKeys");
        key.HasKey(k => k.Id);
        key.Property(k => k.Name).HasMaxLength(80);
        key.Property(k => k.Mode).HasConversion<string>().HasMaxLength(10);
        key.Property(k => k.Prefix).HasMaxLength(20);
        key.Property(k => k.SecretHash).HasMaxLength(64);
        key.HasIndex(k => k.SecretHash).IsUnique();
        key.HasIndex(k => new { k.OrganizationId, k.UserId });

        // Two concurrent rotations of one key: the second update finds ReplacedById already set and fails.
        key.Property(k => k.ReplacedById).IsConcurrencyToken();
        key.Property(k => k.Scopes)
            .HasMaxLength(500)
            .HasConversion(
                scopes => string.Join(' ', scopes),
                text => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList(),
                new ValueComparer<List<string>>((a, b) => a!.SequenceEqual(b!), s => string.Join(' ', s).GetHashCode(StringComparison.Ordinal), s => s.ToList()));
        key.HasOne<Organization>().WithMany().HasForeignKey(k => k.OrganizationId);
        key.HasOne<PortalUser>().WithMany().HasForeignKey(k => k.UserId);
    }
}
