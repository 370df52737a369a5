using Microsoft.Playwright;

namespace ApexAgent.Tests.TestSupport;

/// <summary>
/// The real app served by Kestrel on 127.0.0.1 with demo data, and one headless Debian Chromium shared by the
/// browser tests. Screenshots land in TestResults/screenshots.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public PortalFactory Portal { get; } = new(kestrel: true, settings: new Dictionary<string, string?> { ["Demo:Seed"] = "true" });

    public IBrowser Browser { get; private set; } = default!;

    public string RootUrl { get; private set; } = "";

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    private IPlaywright? playwright;

    public async Task InitializeAsync()
    {
        RootUrl = Portal.RootUrl;
        Directory.CreateDirectory(ScreenshotFolder);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("APEXAGENT_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task<IPage> NewPageAsync(int width = 1366, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = RootUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-US",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(15_000);
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new BrowserContextGrantPermissionsOptions { Origin = RootUrl });
        return await context.NewPageAsync();
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        await Portal.DisposeAsync();
    }
}
