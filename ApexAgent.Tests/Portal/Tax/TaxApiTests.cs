using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ApexAgent.Domain.Accounts;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Tests.Portal.Tax;

/// <summary>GET|PUT /api/v1/billing/details and the staff tax report: validation, permissions, other organisations.</summary>
public sealed class TaxApiTests(SharedPortal portal) : IClassFixture<SharedPortal>
{
    private const string Details = "/api/v1/billing/details";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<(TestAccount Account, HttpClient Client)> CustomerAsync(IReadOnlyList<string>? scopes = null)
    {
        var account = await portal.Factory.CreateAccountAsync();
        return (account, portal.Factory.ApiClient((await portal.Factory.IssueKeyAsync(account, scopes)).Secret.Plaintext));
    }

    [Fact]
    public async Task Details_round_trip_normalised()
    {
        var (_, client) = await CustomerAsync();
        var put = await client.PutAsync(Details, Json("""{ "billingName": " Acme GmbH ", "country": "de", "customerType": "business", "taxId": "de 123.456.789", "postalCode": "10115", "address": "Unter den Linden 1\nBerlin" }"""));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var got = await client.GetFromJsonAsync<JsonElement>(Details);
        Assert.Equal(("Acme GmbH", "DE", "business", "DE123456789", "10115"),
            (got.GetProperty("billingName").GetString(), got.GetProperty("country").GetString(), got.GetProperty("customerType").GetString(), got.GetProperty("taxId").GetString(), got.GetProperty("postalCode").GetString()));

        var us = await client.PutAsync(Details, Json("""{ "billingName": "Acme", "country": "US", "region": "tx" }"""));
        Assert.Equal(HttpStatusCode.OK, us.StatusCode);
        Assert.Equal("TX", (await us.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("region").GetString());
    }

    public static TheoryData<string, string, string> BadDetails => new()
    {
        // body, expected code, field
        { """{ "billingName": "Acme", "country": "XX" }""", "validation_failed", "country" },
        { """{ "billingName": "Acme", "country": "Germany" }""", "validation_failed", "country" },
        { """{ "billingName": "Acme", "country": "DE", "taxId": "DE12345" }""", "validation_failed", "taxId" },
        { """{ "billingName": "Acme", "country": "FR", "taxId": "DE123456789" }""", "validation_failed", "taxId" },
        { """{ "billingName": "Acme", "country": "AU", "region": "NSW", "taxId": "51824753557" }""", "validation_failed", "taxId" },
        { """{ "billingName": "Acme", "country": "US" }""", "validation_failed", "region" },
        { """{ "billingName": "Acme", "country": "CA", "region": "TX" }""", "validation_failed", "region" },
        { """{ "billingName": "", "country": "DE" }""", "validation_failed", "billingName" },
        { """{ "billingName": "Acme", "billingEmail": "not an email" }""", "validation_failed", "billingEmail" },
        { """{ "billingName": "Acme", "postalCode": "<script>" }""", "validation_failed", "postalCode" },
        { """{ "billingName": "Acme", "customerType": "company" }""", "validation_failed", "customerType" },
        { """{ "billingName": "Acme", "vat": "DE123456789" }""", "malformed_json", "" },
        { """{ "billingName": 42 }""", "malformed_json", "" },
    };

    [Theory]
    [MemberData(nameof(BadDetails))]
    public async Task Bad_details_get_a_problem_and_change_nothing(string body, string code, string field)
    {
        var (account, client) = await CustomerAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsync(Details, Json("""{ "billingName": "Before", "country": "IE" }"""))).StatusCode);
        var problem = await ProblemAssert.IsProblemAsync(await client.PutAsync(Details, Json(body)), HttpStatusCode.BadRequest, code);
        if (field.Length > 0)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }

        var stored = await portal.Factory.WithDbAsync(db => db.BillingAccounts.AsNoTracking().SingleAsync(a => a.OrganizationId == account.OrganizationId));
        Assert.Equal(("Before", "IE"), (stored.BillingName, stored.Country));
    }

    [Fact]
    public async Task Readers_cannot_change_details_and_customers_cannot_see_the_tax_report()
    {
        var (_, reader) = await CustomerAsync([Permission.BillingRead]);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(Details)).StatusCode);
        await ProblemAssert.IsProblemAsync(await reader.PutAsync(Details, Json("""{ "billingName": "X" }""")), HttpStatusCode.Forbidden);

        var (_, owner) = await CustomerAsync();
        await ProblemAssert.IsProblemAsync(await owner.GetAsync("/api/v1/admin/tax/report?from=2026-01-01&to=2026-02-01"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await owner.GetAsync("/api/v1/admin/tax/exemptions/0195f0e4-0000-7000-8000-000000000000/document"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await owner.GetAsync("/api/v1/billing/tax-exemptions/0195f0e4-0000-7000-8000-000000000000/document"), HttpStatusCode.NotFound, "tax_exemption_not_found");
    }

    [Theory]
    [InlineData("from=2026-01-01&to=2026-02-01&format=csv", 200)]
    [InlineData("from=2026-01-01&to=2026-04-01", 200)]
    [InlineData("from=2026-01-01&to=2026-04-01&format=pdf", 200)]
    [InlineData("from=2026-02-01&to=2026-01-01", 400)]
    [InlineData("from=yesterday&to=2026-01-01", 400)]
    [InlineData("from=2026-01-01T00:00:00Z&to=2026-02-01", 400)]
    [InlineData("from=0001-01-01&to=9999-12-31", 400)]
    [InlineData("from=2026-01-01&to=2026-02-01&format=xlsx", 400)]
    [InlineData("to=2026-02-01", 400)]
    [InlineData("from=2020-01-01&to=2026-02-01", 400)]
    public async Task The_report_reads_its_period_strictly(string query, int status)
    {
        var staff = await portal.Factory.CreateAccountAsync(role: PlatformRole.PlatformAdmin);
        var client = portal.Factory.ApiClient((await portal.Factory.IssueKeyAsync(staff, [.. Permission.StaffApiKeyScopes.Where(staff.Actor.Can), Permission.BillingRead])).Secret.Plaintext);
        var response = await client.GetAsync("/api/v1/admin/tax/report?" + query);
        if (status != 200)
        {
            await ProblemAssert.IsProblemAsync(response, (HttpStatusCode)status, "validation_failed");
            return;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        if (query.Contains("format=csv", StringComparison.Ordinal))
        {
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
            Assert.StartsWith("jurisdiction,name,currency,taxable,collected", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }
}
