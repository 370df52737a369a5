using ApexAgent.Portal.Features.Credits.Allocations;
using ApexAgent.Portal.Features.Credits.Analytics;
using ApexAgent.Portal.Features.Credits.Live;
using ApexAgent.Portal.Features.Credits.Purchases;
using ApexAgent.Portal.Features.Credits.Usage;

namespace ApexAgent.Portal.Features.Credits;

public static class CreditsSetup
{
    public static void AddCredits(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CreditFeed>();
        builder.Services.AddSingleton<RateCards>();
        builder.Services.AddSingleton<CreditBalances>();
        builder.AddUsageMetering();
        builder.AddCreditPurchases();
        builder.AddCreditAllocations();
        builder.AddCreditsLive();
        builder.AddUsageAnalytics();
    }

    public static void MapCredits(this WebApplication app)
    {
        app.MapUsageMetering();
        app.MapCreditPurchases();
        app.MapCreditAllocations();
        app.MapCreditsLive();
        app.MapUsageAnalytics();
    }

    public static Task EnsureRateCardAsync(this WebApplication app) =>
        app.Services.GetRequiredService<RateCards>().EnsureDefaultAsync(CancellationToken.None);
}
