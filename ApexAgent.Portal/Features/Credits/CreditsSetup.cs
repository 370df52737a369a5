using ApexAgent.Portal.Features.Credits.Live;

namespace ApexAgent.Portal.Features.Credits;

public static class CreditsSetup
{
    public static void AddCredits(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CreditFeed>();
        builder.Services.AddSingleton<RateCards>();
        builder.Services.AddSingleton<CreditBalances>();
        builder.AddCreditsLive();
    }

    public static void MapCredits(this WebApplication app)
    {
        app.MapCreditsLive();
    }

    public static Task EnsureRateCardAsync(this WebApplication app) =>
        app.Services.GetRequiredService<RateCards>().EnsureDefaultAsync(CancellationToken.None);
}
