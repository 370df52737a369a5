using ApexAgent.Domain.Accounts;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.ApiKeys;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.OpenApi;

namespace ApexAgent.Portal.Api;

/// <summary>The REST API's conventions: JSON shape, RFC 7807 errors, permissions, OpenAPI, health.</summary>
public static class ApiSetup
{
    public const string Prefix = "/api/v1";

    public static void AddPortalApi(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<JsonOptions>(options => ApiJson.Configure(options.SerializerOptions));
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = ApiProblems.AddStableCode);
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        builder.Services.AddAuthorization(options =>
        {
            // One policy per permission, for pages and endpoints alike. Who is asking is decided by the default
            // scheme: an API key on /api/v1, the sign-in cookie everywhere else (AccountSetup).
            foreach (var permission in Permission.All)
            {
                options.AddPolicy(permission, policy => policy.RequireAuthenticatedUser().RequireClaim(PortalClaims.Permission, permission));
            }
        });
        builder.Services.UseSingletonAuthorization();
        builder.Services.AddOpenApi(options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "ApexAgent Portal API",
                    Version = "v1",
                    Description = "Everything a customer can do in the portal, for programs. Authenticate with a platform API key: `Authorization: Bearer apx_live_…`. Errors are RFC 7807 problem details with a stable `code`.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[ApiKeyDefaults.Scheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "apx_live_… or apx_test_…",
                    Description = "A platform API key created on the API keys page.",
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyDefaults.Scheme, document)] = [] }];
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any())
                {
                    operation.Security = []; // public: no key needed
                }

                return Task.CompletedTask;
            });
        });
    }

    public static void UsePortalApi(this WebApplication app)
    {
        app.UseWhen(
            context => ApiProblems.IsApiRequest(context.Request),
            api =>
            {
                // API answers are personal (keys, accounts): no cache may keep them.
                api.Use((context, next) =>
                {
                    context.Response.Headers.CacheControl = "no-store";
                    return next(context);
                });
                api.UseExceptionHandler();
                api.UseStatusCodePages();
            });
    }

    public static void MapPortalApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = "api/docs";
            options.DocumentTitle = "ApexAgent API reference";
            options.SwaggerEndpoint("/openapi/v1.json", "ApexAgent Portal API v1");
        });
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
    }

    /// <summary>The group every versioned endpoint lives in.</summary>
    public static RouteGroupBuilder MapApiGroup(this IEndpointRouteBuilder endpoints, string path, string tag) =>
        endpoints.MapGroup(Prefix + path).WithTags(tag)
            .RequireRateLimiting(ApiRateLimitOptions.Policy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
}
