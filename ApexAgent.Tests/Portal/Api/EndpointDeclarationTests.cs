using System.Reflection;
using ApexAgent.Portal.Api;
using ApexAgent.Tests.TestSupport;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ApexAgent.Tests.Portal.Api;

/// <summary>Every endpoint and every page says who may use it; adding one without a declaration fails here.</summary>
public sealed class EndpointDeclarationTests(SharedPortal portal) : IClassFixture<SharedPortal>
{
    [Fact]
    public void Every_api_endpoint_declares_a_permission_or_is_explicitly_public()
    {
        var endpoints = ApiEndpoints().ToList();

        Assert.NotEmpty(endpoints);
        var undeclared = endpoints.Where(e => e.Metadata.GetMetadata<ApiPermission>() is null).Select(e => e.RoutePattern.RawText).ToList();
        Assert.True(undeclared.Count == 0, "Endpoints without a declared permission: " + string.Join(", ", undeclared));
    }

    [Fact]
    public void Every_non_public_api_endpoint_requires_its_permission_policy()
    {
        foreach (var endpoint in ApiEndpoints())
        {
            var declared = endpoint.Metadata.GetMetadata<ApiPermission>()!;
            if (declared.Permission == "public")
            {
                Assert.NotNull(endpoint.Metadata.GetMetadata<IAllowAnonymous>());
                continue;
            }

            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            Assert.Contains(declared.Permission, policies);
        }
    }

    [Fact]
    public void Every_routable_page_declares_who_may_open_it()
    {
        var pages = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t) && t.GetCustomAttributes<RouteAttribute>().Any())
            .ToList();

        Assert.NotEmpty(pages);
        var undeclared = pages
            .Where(p => p.GetCustomAttribute<AuthorizeAttribute>(inherit: true) is null && p.GetCustomAttribute<AllowAnonymousAttribute>(inherit: true) is null)
            .Where(p => !p.Namespace!.Contains(".Account.Pages", StringComparison.Ordinal)) // Identity pages guard themselves (below)
            .Select(p => p.FullName)
            .ToList();
        Assert.True(undeclared.Count == 0, "Pages without [Authorize] or [AllowAnonymous]: " + string.Join(", ", undeclared));
    }

    [Fact]
    public void Identity_management_pages_require_a_signed_in_user()
    {
        var manage = typeof(Program).Assembly.GetTypes()
            .Where(t => t.Namespace?.EndsWith(".Account.Pages.Manage", StringComparison.Ordinal) == true && t.GetCustomAttributes<RouteAttribute>().Any())
            .ToList();

        Assert.NotEmpty(manage);
        Assert.All(manage, page => Assert.NotNull(page.GetCustomAttribute<AuthorizeAttribute>(inherit: true)));
    }

    private IEnumerable<RouteEndpoint> ApiEndpoints() =>
        portal.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true);
}
