using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace ApexAgent.Portal.Features.Demo;

public static class DemoSetup
{
    public static void AddDemo(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoOptions>()
            .Bind(builder.Configuration.GetSection(DemoOptions.Section))
            .Validate(
                options => !options.Seed || !builder.Environment.IsProduction(),
                "Demo:Seed creates a platform admin with a well-known password and must not be used in Production.")
            .ValidateOnStart();
        builder.Services.AddScoped<DemoSeeder>();
        builder.Services.AddSingleton<DemoUsage>();
    }

    /// <summary>When <c>Demo:Seed</c> is on, seeds the demo and prints the logins and keys once the server listens.</summary>
    public static async Task SeedDemoAsync(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<DemoOptions>>().Value.Seed)
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var urls = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            Console.WriteLine(result.Describe(urls));
            _ = app.Services.GetRequiredService<DemoUsage>().SeedAsync(app.Lifetime.ApplicationStopping);
        });
    }
}
