using System.Net;
using System.Reflection;
using System.Text;
using ApexAgent.Domain.Accounts;
using ApexAgent.Portal.Api;
using ApexAgent.Tests.TestSupport;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApexAgent.Tests.Portal.Organizations;

/// <summary>
/// Every API endpoint and every page × anonymous, member, manager, admin, owner, another organisation's admin,
/// support and platform admin: allowed or refused as designed, never a 500. The design is written out here, not
/// read from the roles, so that a change to a role shows up as a failing row.
/// </summary>
public sealed class OrganizationAuthorizationMatrixTests(SharedPortal portal) : IClassFixture<SharedPortal>
{
    private static readonly string[] Member = [Permission.ProfileRead, Permission.ProfileManage, Permission.ApiKeysRead, Permission.ApiKeysManage, Permission.OrganizationRead, Permission.CreditsRead, Permission.UsageWrite];
    private static readonly string[] Manager = [.. Member, Permission.MembersRead, Permission.MembersManage];
    private static readonly string[] Admin = [.. Manager, Permission.StructureManage, Permission.AuditRead, Permission.BillingRead, Permission.CreditsAnalyticsRead, Permission.VerificationManage];
    private static readonly string[] Owner = [.. Admin, Permission.OrganizationManage, Permission.BillingManage, Permission.CreditsPurchase];

    /// <summary>Staff act for their own personal workspace, which they own, plus their staff permissions.</summary>
    private static readonly string[] Support = [.. Owner, Permission.SupportAccountsRead, Permission.SupportImpersonate, Permission.VerificationReview];
    private static readonly string[] PlatformAdmin = [.. Support, Permission.CatalogManage, Permission.AuditReadAll, Permission.BillingOperate, Permission.BillingAnalyticsRead, Permission.CreditsOperate, Permission.DiscountsManage];

    private PortalFactory Factory => portal.Factory;

    [Fact]
    public async Task Every_endpoint_answers_each_role_as_designed()
    {
        var personas = await PersonasAsync();
        var endpoints = ApiEndpoints().ToList();
        var failures = new List<string>();
        foreach (var (method, path, permission) in endpoints)
        {
            var anonymous = await SendAsync(null, method, path);
            if (permission == "public")
            {
                Check(anonymous.IsSuccessStatusCode, $"anonymous {method} {path} should be public but got {(int)anonymous.StatusCode}");
                continue;
            }

            Check(anonymous.StatusCode == HttpStatusCode.Unauthorized, $"anonymous {method} {path} gave {(int)anonymous.StatusCode}");
            foreach (var (name, account, designed) in personas)
            {
                var scopes = Permission.ApiKeyScopes.Where(designed.Contains).ToList();
                var key = await Factory.IssueKeyAsync(account, scopes);
                var response = await SendAsync(key.Secret.Plaintext, method, path);
                var body = await response.Content.ReadAsStringAsync();
                Check((int)response.StatusCode < 500, $"{name} {method} {path} gave {(int)response.StatusCode}: {body}");
                // Staff permissions never travel on an API key, so a staff-only endpoint refuses every key.
                if (designed.Contains(permission) && Permission.ApiKeyScopes.Contains(permission))
                {
                    // Allowed: past authorization. Business rules (a plan without departments) may still say no, with their own code.
                    var refusedAccess = response.StatusCode == HttpStatusCode.Unauthorized
                        || (response.StatusCode == HttpStatusCode.Forbidden && (body.Contains("\"insufficient_scope\"", StringComparison.Ordinal) || body.Contains("\"forbidden\"", StringComparison.Ordinal)));
                    Check(!refusedAccess, $"{name} {method} {path} should be allowed but got {(int)response.StatusCode}: {body}");
                }
                else
                {
                    Check(response.StatusCode == HttpStatusCode.Forbidden && body.Contains("insufficient_scope", StringComparison.Ordinal), $"{name} {method} {path} should be refused but got {(int)response.StatusCode}: {body}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Contains(endpoints, e => e.Path.StartsWith("/api/v1/organization", StringComparison.Ordinal));
        Assert.Contains(endpoints, e => e.Path.StartsWith("/api/v1/subscription", StringComparison.Ordinal) && e.Permission == Permission.BillingManage);
        Assert.Contains(endpoints, e => e.Path.StartsWith("/api/v1/invoices", StringComparison.Ordinal) && e.Permission == Permission.BillingRead);

        void Check(bool ok, string failure)
        {
            if (!ok)
            {
                failures.Add(failure);
            }
        }
    }

    /// <summary>
    /// One member inside the manager's department (in its Platform team) and one outside it (in Sales), read and
    /// changed by every role: the manager reaches only the first; other tenants and staff do not learn either exists.
    /// </summary>
    [Theory]
    [InlineData("member", "inside", 403, 403)]
    [InlineData("member", "outside", 403, 403)]
    [InlineData("manager", "inside", 200, 200)]
    [InlineData("manager", "outside", 403, 403)]
    [InlineData("admin", "inside", 200, 200)]
    [InlineData("admin", "outside", 200, 200)]
    [InlineData("owner", "outside", 200, 200)]
    [InlineData("other organisation's admin", "inside", 404, 404)]
    [InlineData("support", "inside", 404, 404)]
    [InlineData("platform admin", "outside", 404, 404)]
    public async Task A_member_inside_or_outside_the_managers_department_is_reached_only_as_designed(string persona, string where, int read, int change)
    {
        var scenario = await OrganizationScenario.CreateAsync(Factory);
        var personas = await PersonasAsync(scenario);
        var (_, account, designed) = personas.Single(p => p.Name == persona);
        var target = where == "inside" ? scenario.PlatformMember : scenario.SalesMember;
        var membership = await scenario.MembershipIdAsync(Factory, target);
        var client = Factory.ApiClient((await Factory.IssueKeyAsync(account, Permission.ApiKeyScopes.Where(designed.Contains).ToList())).Secret.Plaintext);

        var got = await client.GetAsync($"/api/v1/organization/members/{membership}");
        var changed = await client.PatchAsync($"/api/v1/organization/members/{membership}", new StringContent("{\"role\":\"member\",\"unitId\":\"" + (where == "inside" ? scenario.Platform : scenario.Sales) + "\"}", Encoding.UTF8, "application/json"));

        Assert.Equal(read, (int)got.StatusCode);
        Assert.Equal(change, (int)changed.StatusCode);
        var body = await got.Content.ReadAsStringAsync();
        Assert.Equal(read == 200, body.Contains(target.Email, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_page_opens_for_the_roles_that_may_use_it_and_refuses_the_rest()
    {
        var personas = await PersonasAsync();
        var pages = Pages().ToList();
        Assert.Contains(pages, p => p.Route == "/organization/members");
        var failures = new List<string>();
        foreach (var (name, account, designed) in personas)
        {
            var client = await Factory.SignedInClientAsync(account.UserId);
            foreach (var (route, policy) in pages)
            {
                var response = await client.GetAsync(route);
                var allowed = policy is null || designed.Contains(policy);
                var location = response.Headers.Location?.ToString() ?? "";
                var ok = allowed
                    ? response.StatusCode == HttpStatusCode.OK
                    : response.StatusCode == HttpStatusCode.Redirect && location.Contains("/Account/AccessDenied", StringComparison.OrdinalIgnoreCase);
                if (!ok)
                {
                    failures.Add($"{name} GET {route} ({policy ?? "signed in"}): {(int)response.StatusCode} {location}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void A_new_endpoint_without_a_declared_permission_fails_the_matrix()
    {
        var undeclared = ApiEndpoints().Where(e => e.Permission == "undeclared").Select(e => e.Path).ToList();

        Assert.True(undeclared.Count == 0, "Declare a permission with RequirePermission(...) or AllowAnyone() on: " + string.Join(", ", undeclared));
        Assert.All(ApiEndpoints(), e => Assert.True(e.Permission == "public" || Permission.All.Contains(e.Permission), $"{e.Path} declares unknown permission {e.Permission}"));
    }

    private async Task<List<(string Name, TestAccount Account, string[] Designed)>> PersonasAsync(OrganizationScenario? shared = null)
    {
        var scenario = shared ?? await OrganizationScenario.CreateAsync(Factory);
        var other = await OrganizationScenario.CreateAsync(Factory, "Globex");
        var support = await Factory.CreateAccountAsync(role: PlatformRole.Support);
        var platformAdmin = await Factory.CreateAccountAsync(role: PlatformRole.PlatformAdmin);
        return
        [
            ("member", scenario.EngineeringMember, Member),
            ("manager", scenario.EngineeringManager, Manager),
            ("admin", scenario.Admin, Admin),
            ("owner", scenario.Owner, Owner),
            ("other organisation's admin", other.Admin, Admin),
            ("support", support, Support),
            ("platform admin", platformAdmin, PlatformAdmin),
        ];
    }

    private IEnumerable<(string Method, string Path, string Permission)> ApiEndpoints() =>
        Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => (
                m,
                e.RoutePattern.RawText!.Replace("{id:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal),
                e.Metadata.GetMetadata<ApiPermission>()?.Permission ?? "undeclared")));

    private static IEnumerable<(string Route, string? Policy)> Pages() =>
        typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t) && t.GetCustomAttribute<AuthorizeAttribute>(inherit: true) is not null)
            .Where(t => !t.Namespace!.Contains(".Account.Pages", StringComparison.Ordinal))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => (r.Template, t.GetCustomAttribute<AuthorizeAttribute>(inherit: true)!.Policy)))
            .Where(p => !p.Template.Contains('{', StringComparison.Ordinal));

    private async Task<HttpResponseMessage> SendAsync(string? key, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return await Factory.ApiClient(key).SendAsync(request);
    }
}
