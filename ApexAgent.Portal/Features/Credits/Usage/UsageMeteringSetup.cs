namespace ApexAgent.Portal.Features.Credits.Usage;

public static class UsageMeteringSetup
{
    public static void AddUsageMetering(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<UsageMeter>();
        builder.Services.AddHostedService(services => services.GetRequiredService<UsageMeter>());
        builder.Services.AddSingleton<UsageIntake>();
        builder.Services.AddSingleton<UsageReversals>();
        builder.Services.AddSingleton<StaffUsageService>();
    }

    public static void MapUsageMetering(this WebApplication app) => app.MapUsageApi();
}
