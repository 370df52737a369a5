using ApexAgent.Portal.Api;
using MudBlazor.Services;

namespace ApexAgent.Portal.Components;

public static class UiSetup
{
    public static void AddPortalUi(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight;
            options.SnackbarConfiguration.VisibleStateDuration = 5000;
        });
    }

    /// <summary>Error and not-found pages for people (the API answers with problem details instead).</summary>
    public static void UsePortalUi(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseWhen(context => !ApiProblems.IsApiRequest(context.Request), page => page.UseExceptionHandler("/Error", createScopeForErrors: true));
            app.UseHsts();
        }

        app.UseWhen(context => !ApiProblems.IsApiRequest(context.Request), page => page.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
    }

    public static void MapPortalUi(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }
}
