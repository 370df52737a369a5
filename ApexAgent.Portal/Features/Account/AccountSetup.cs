using ApexAgent.Portal.Api;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;

namespace ApexAgent.Portal.Features.Account;

public static class AccountSetup
{
    /// <summary>The default scheme: forwards to API-key authentication on the API and to the cookie on pages.</summary>
    public const string PortalScheme = "Portal";

    public static void AddAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = PortalScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddPolicyScheme(PortalScheme, "API key on the API, sign-in cookie elsewhere", scheme =>
                scheme.ForwardDefaultSelector = context => ApiProblems.IsApiRequest(context.Request) ? ApiKeyDefaults.Scheme : IdentityConstants.ApplicationScheme)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/Account/Login";
            cookie.AccessDeniedPath = "/Account/AccessDenied";
            cookie.Cookie.Name = "apexagent.session";
            cookie.SlidingExpiration = true;
        });

        services.AddIdentityCore<PortalUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = true;
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 10;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
            })
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddSignInManager<AuditedSignInManager>()
            .AddDefaultTokenProviders();

        services.AddSingleton<AccessDirectory>();
        services.AddSingleton<IClaimsTransformation, PortalClaimsTransformation>();
        services.AddHttpContextAccessor();
        services.AddScoped<CircuitHandler, ActingContextCircuitHandler>();
        services.AddScoped<AccountOnboarding>();
        services.AddScoped<ProfileService>();
        services.AddSingleton<AccountSnapshots>();
        services.AddSingleton<MeDocuments>();
    }

    public static void MapAccounts(this WebApplication app)
    {
        app.MapAdditionalIdentityEndpoints();
        app.MapAccountApi();
    }
}
