using ApexAgent.Domain.Catalog;

namespace ApexAgent.Portal.Features.Catalog;

public static class CatalogSetup
{
    public static void AddCatalog(this WebApplicationBuilder builder) => builder.Services.AddSingleton<TierCatalog>();

    public static void MapCatalog(this WebApplication app) => app.MapCatalogApi();

    /// <summary>Seeds version 1 of each tier of the default catalog where none exists.</summary>
    public static Task EnsureCatalogAsync(this WebApplication app) =>
        app.Services.GetRequiredService<TierCatalog>().EnsureDefaultsAsync(DefaultCatalog.Terms, CancellationToken.None);
}
