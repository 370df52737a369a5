namespace ApexAgent.Portal.Features.TestClock;

public static class TestClockSetup
{
    /// <summary>Registers the test clock as the application's clock when <c>TestClock:Enabled</c>; refuses to start with it in Production.</summary>
    public static void AddTestClock(this WebApplicationBuilder builder)
    {
        var enabled = builder.Configuration.GetValue("TestClock:Enabled", builder.Environment.IsDevelopment());
        if (enabled && builder.Environment.IsProduction())
        {
            throw new InvalidOperationException("TestClock:Enabled must not be true in Production: the test clock moves the application's time.");
        }

        builder.Services.Configure<TestClockOptions>(o => o.Enabled = enabled);
        builder.Services.AddSingleton(new TestClock(TimeProvider.System));
        builder.Services.AddScoped<TestClockService>();
        if (enabled)
        {
            builder.Services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<TestClock>());
        }
    }
}
