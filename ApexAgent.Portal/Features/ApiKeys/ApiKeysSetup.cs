using Microsoft.AspNetCore.Authentication;
using Quartz;

namespace ApexAgent.Portal.Features.ApiKeys;

public static class ApiKeysSetup
{
    public static void AddApiKeys(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<ApiKeyVerifier>();
        services.AddSingleton<ApiKeyUsageTracker>();
        services.AddScoped<ApiKeyService>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.Scheme, null);
        services.AddQuartz(quartz => quartz.ScheduleJob<ApiKeyUsageFlushJob>(
            trigger => trigger.WithIdentity("api-key-usage-flush-trigger").StartNow().WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(10)).RepeatForever()),
            job => job.WithIdentity(ApiKeyUsageFlushJob.Key)));
    }

    public static void MapApiKeys(this WebApplication app) => app.MapApiKeysApi();
}
