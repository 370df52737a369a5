using System.Text.Json;
using System.Text.Json.Serialization;
using ApexAgent.Domain.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApexAgent.Portal.Features.Catalog.Data;

internal sealed class TierVersionConfiguration : IEntityTypeConfiguration<TierVersion>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public void Configure(EntityTypeBuilder<TierVersion> version)
    {
        version.ToTable("TierVersions");
        version.Property(v => v.Code).HasConversion<string>().HasMaxLength(20);
        version.HasIndex(v => new { v.Code, v.Version }).IsUnique();
        version.Property(v => v.ChangeNote).HasMaxLength(500);
        version.Property(v => v.Terms)
            .HasColumnName("TermsJson")
            .HasConversion(
                terms => JsonSerializer.Serialize(terms, Json),
                json => JsonSerializer.Deserialize<TierTerms>(json, Json)!,
                new ValueComparer<TierTerms>((a, b) => a == b, t => t.GetHashCode(), t => Copy(t)));
    }

    private static TierTerms Copy(TierTerms terms) => terms with { };
}
