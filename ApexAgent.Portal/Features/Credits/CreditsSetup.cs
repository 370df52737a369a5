using ApexAgent.Portal.Features.Credits.Analytics;

namespace ApexAgent.Portal.Features.Credits;

public static class CreditsSetup
{
    public static void AddCredits(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CreditFeed>();
        builder.Services.AddSingleton<RateCards>();
        builder.Services.AddSingleton<CreditBalances>();
        builder.AddUsageAnalytics();
    }

    public static void MapCredits(this WebApplication app)
    {
        app.MapUsageAnalytics();
    }

    public static Task EnsureRateCardAsync(this WebApplication app) =>
        app.Services.GetRequiredService<RateCards>().EnsureDefaultAsync(CancellationToken.None);
}
