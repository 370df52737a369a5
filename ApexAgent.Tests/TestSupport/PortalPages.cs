using Microsoft.Playwright;

namespace ApexAgent.Tests.TestSupport;

/// <summary>Steps a person takes in the portal, shared by the browser tests.</summary>
public static class PortalPages
{
    /// <summary>Signs in and waits until the portal has let the person through.</summary>
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/Account/Login");
        await SubmitSignInAsync(page, email, password);
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Fills and submits the sign-in form already on the page, whatever the outcome.</summary>
    public static async Task SubmitSignInAsync(IPage page, string email, string password)
    {
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.ClickAsync("#login-submit");
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    /// <summary>Waits until the interactive circuit is connected, so that clicks reach the server.</summary>
    public static Task WaitForInteractiveAsync(IPage page) =>
        page.WaitForSelectorAsync("html[data-interactive='true']", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });

    public static async Task GotoInteractiveAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await WaitForInteractiveAsync(page);
    }
}
