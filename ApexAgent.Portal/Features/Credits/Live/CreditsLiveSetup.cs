namespace ApexAgent.Portal.Features.Credits.Live;

/// <summary>The live balance (hub and broadcaster), the credit read API, the ledger reader and the rate card editor.</summary>
public static class CreditsLiveSetup
{
    public static void AddCreditsLive(this WebApplicationBuilder builder)
    {
        builder.Services.AddSignalR();
        builder.Services.AddCreditsHubAccess();
        builder.Services.AddHostedService<CreditsHubBroadcaster>();
        builder.Services.AddSingleton<CreditLedgerReader>();
        builder.Services.AddSingleton<RateCardEditor>();
        builder.Services.AddSingleton<CreditsOverviewService>();
    }

    public static void MapCreditsLive(this WebApplication app)
    {
        app.MapHub<CreditsHub>(CreditsHub.Path);
        app.MapCreditsReadApi();
    }
}
