using ApexAgent.Domain.Accounts;
using ApexAgent.Portal.Features.Credits.Alerts;
using ApexAgent.Portal.Features.Notifications;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ApexAgent.Portal.Features.Credits.Analytics;

/// <summary>The usage dashboard, utilisation report, forecast and low-balance alerts (issue 5, item 7).</summary>
public static class UsageAnalyticsSetup
{
    public static void AddUsageAnalytics(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<UsageAnalytics>();
        builder.Services.AddSingleton<CreditUtilisation>();
        builder.Services.AddSingleton<CreditForecasts>();
        builder.Services.AddSingleton<LowBalanceCheck>();
        builder.Services.AddSingleton<LowBalanceAlerts>();
        builder.Services.TryAddSingleton<NotificationSignal>();
        builder.Services.AddHostedService<LowBalanceWatch>();
    }

    public static void MapUsageAnalytics(this WebApplication app)
    {
        app.MapUsageAnalyticsApi();
        app.MapGet("/usage/utilisation.csv", UsageAnalyticsApi.UtilisationCsv).RequireAuthorization(Permission.CreditsAnalyticsRead).ExcludeFromDescription();
    }
}
