using ApexAgent.Domain.Catalog;
using ApexAgent.Portal.Api;

namespace ApexAgent.Portal.Features.Catalog;

public static class CatalogApi
{
    public static void MapCatalogApi(this IEndpointRouteBuilder endpoints)
    {
        var tiers = endpoints.MapApiGroup("/tiers", "Catalog");
        tiers.MapGet("", async (TierCatalog catalog, CancellationToken ct) =>
                TypedResults.Ok((await catalog.AllCurrentAsync(ct)).Select(TierResponse.From).ToList()))
            .AllowAnyone()
            .WithName("ListTiers")
            .WithSummary("The current version of each tier: prices, credits and limits. Public.");
    }
}
