using System.Net;
using System.Text;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Catalog;
using ApexAgent.Portal.Api;
using ApexAgent.Tests.TestSupport;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using System.Reflection;

namespace ApexAgent.Tests.Portal.Api;

/// <summary>Every API endpoint × anonymous, forged key, key without the scope, key with the scope.</summary>
public sealed class AuthorizationMatrixTests(SharedPortal portal) : IClassFixture<SharedPortal>
{
    [Fact]
    public async Task Every_endpoint_refuses_anonymous_and_forged_callers_and_keys_without_its_scope()
    {
        var account = await portal.Factory.CreateAccountAsync(TierCode.Pro, role: PlatformRole.PlatformAdmin); // holds every key scope, staff ones included
        var checkedEndpoints = 0;
        foreach (var (method, path, permission) in Endpoints())
        {
            var anonymous = await SendAsync(null, method, path);
            var forged = await SendAsync("apx_live_" + new string('Z', 32), method, path);
            if (permission == "public")
            {
                Assert.True(anonymous.IsSuccessStatusCode, $"{method} {path} should be public");
                continue;
            }

            await ProblemAssert.IsProblemAsync(anonymous, HttpStatusCode.Unauthorized, "missing_api_key");
            await ProblemAssert.IsProblemAsync(forged, HttpStatusCode.Unauthorized, "invalid_api_key");

            var otherScopes = Permission.ApiKeyScopes.Where(s => s != permission).ToList();
            var narrowKey = await portal.Factory.IssueKeyAsync(account, otherScopes);
            await ProblemAssert.IsProblemAsync(await SendAsync(narrowKey.Secret.Plaintext, method, path), HttpStatusCode.Forbidden, "insufficient_scope");
            if (!Permission.ApiKeyScopes.Contains(permission))
            {
                continue; // a permission no key carries: every key is refused, as above
            }

            var rightKey = await portal.Factory.IssueKeyAsync(account, [permission]);
            var allowed = await SendAsync(rightKey.Secret.Plaintext, method, path);
            var body = await allowed.Content.ReadAsStringAsync();
            Assert.True(
                allowed.StatusCode != HttpStatusCode.Unauthorized && (int)allowed.StatusCode < 500 && !body.Contains("insufficient_scope", StringComparison.Ordinal),
                $"{method} {path} with scope {permission} gave {(int)allowed.StatusCode}: {body}");
            checkedEndpoints++;
        }

        Assert.True(checkedEndpoints >= 20, $"Only {checkedEndpoints} protected endpoints were checked");
    }

    [Fact]
    public void The_staff_reconciliation_and_exemption_review_endpoints_are_in_the_matrix_with_their_pages_permission()
    {
        var staff = Endpoints().Where(e => e.Path.StartsWith("/api/v1/admin/billing/reconciliation", StringComparison.Ordinal) || e.Path.StartsWith("/api/v1/admin/tax/exemptions", StringComparison.Ordinal))
            .Select(e => (e.Method, Route: System.Text.RegularExpressions.Regex.Replace(e.Path, "[0-9a-f]{8}-[0-9a-f-]{27}", "{id}").TrimEnd('/'), e.Permission)).ToHashSet();

        Assert.Superset(new HashSet<(string, string, string)>
        {
            ("GET", "/api/v1/admin/billing/reconciliation", Permission.BillingOperate),
            ("POST", "/api/v1/admin/billing/reconciliation/{id}/resolve", Permission.BillingOperate),
            ("POST", "/api/v1/admin/billing/reconciliation/run", Permission.BillingOperate),
            ("GET", "/api/v1/admin/tax/exemptions", Permission.BillingOperate),
            ("POST", "/api/v1/admin/tax/exemptions/{id}/approve", Permission.BillingOperate),
            ("POST", "/api/v1/admin/tax/exemptions/{id}/reject", Permission.BillingOperate),
        }, staff);
        Assert.Contains(Permission.BillingOperate, Permission.StaffApiKeyScopes); // a platform admin's key may carry it
    }

    [Fact]
    public async Task Every_protected_page_sends_an_anonymous_visitor_to_sign_in()
    {
        var pages = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t) && t.GetCustomAttribute<AuthorizeAttribute>(inherit: true) is not null)
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => r.Template))
            .Where(template => !template.Contains('{', StringComparison.Ordinal))
            .ToList();

        Assert.Contains("/api-keys", pages);
        Assert.Contains("/admin/billing", pages);
        foreach (var page in pages)
        {
            var response = await portal.Factory.ApiClient().GetAsync(page);

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/Account/Login", response.Headers.Location!.ToString(), StringComparison.OrdinalIgnoreCase);
        }
    }

    private IEnumerable<(string Method, string Path, string Permission)> Endpoints() =>
        portal.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => (
                m,
                e.RoutePattern.RawText!.Replace("{id:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal),
                e.Metadata.GetMetadata<ApiPermission>()!.Permission)));

    private async Task<HttpResponseMessage> SendAsync(string? key, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{\"name\":\"matrix\"}", Encoding.UTF8, "application/json");
        }

        return await portal.Factory.ApiClient(key).SendAsync(request);
    }
}
