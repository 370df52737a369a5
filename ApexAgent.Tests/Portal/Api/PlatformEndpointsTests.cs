using System.Net;
using System.Text.Json;
using ApexAgent.Tests.TestSupport;

namespace ApexAgent.Tests.Portal.Api;

public sealed class PlatformEndpointsTests(SharedPortal portal) : IClassFixture<SharedPortal>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_anonymously(string path)
    {
        var response = await portal.Factory.ApiClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Api_answers_are_never_cached()
    {
        var account = await portal.Factory.CreateAccountAsync(ApexAgent.Domain.Catalog.TierCode.Pro);
        var response = await portal.Factory.ApiClient((await portal.Factory.IssueKeyAsync(account)).Secret.Plaintext).GetAsync("/api/v1/me");

        response.EnsureSuccessStatusCode();
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api_and_its_bearer_scheme()
    {
        var json = await portal.Factory.ApiClient().GetStringAsync("/openapi/v1.json");
        var document = JsonDocument.Parse(json).RootElement;

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/me", paths);
        Assert.Contains("/api/v1/api-keys", paths);
        Assert.Contains("/api/v1/api-keys/{id}/revoke", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/Account", StringComparison.Ordinal));
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.Equal("ApexAgent Portal API", document.GetProperty("info").GetProperty("title").GetString());
        var tiers = document.GetProperty("paths").GetProperty("/api/v1/tiers").GetProperty("get");
        Assert.Equal(0, tiers.GetProperty("security").GetArrayLength()); // public: no key needed
    }

    [Fact]
    public async Task The_api_reference_page_is_served()
    {
        var response = await portal.Factory.ApiClient().GetAsync("/api/docs/index.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("swagger", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
