using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Compliance;
using ApexAgent.Domain.Credits;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Tests.Portal.Credits;

/// <summary>Promotional and support grants and overdraft allowances by ApexAgent staff: audited, refused to everyone else, validated.</summary>
public sealed class StaffCreditsApiTests(SharedPortal portal) : IClassFixture<SharedPortal>
{
    private PortalFactory Factory => portal.Factory;

    private async Task<HttpClient> StaffAsync()
    {
        var staff = await Factory.CreateAccountAsync(role: PlatformRole.PlatformAdmin);
        var key = await Factory.IssueKeyAsync(staff, [Permission.CreditsOperate]);
        return Factory.ApiClient(key.Secret.Plaintext);
    }

    [Fact]
    public async Task Staff_grant_promotional_credits_with_a_reason_and_the_grant_is_audited()
    {
        var customer = await Factory.CreateAccountAsync();
        using var staff = await StaffAsync();

        var response = await staff.PostAsJsonAsync("/api/v1/admin/credits/grants", new { organizationId = customer.OrganizationId, credits = 1234.567m, reason = "Sorry for the outage on Tuesday" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1234.567m, body.GetProperty("credits").GetDecimal());
        var id = body.GetProperty("id").GetGuid();
        var grant = await Factory.WithDbAsync(db => db.CreditGrants.AsNoTracking().SingleAsync(g => g.Id == id));
        Assert.Equal(GrantKind.Promotional, grant.Kind);
        Assert.Equal(1_234_567, grant.Amount);
        Assert.Equal("Sorry for the outage on Tuesday", grant.Description);
        Assert.Equal(90, (grant.ExpiresAt - grant.StartsAt).TotalDays, 3);
        var audit = await Factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.OrganizationId == customer.OrganizationId && a.Action == AuditActions.CreditsGranted).ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Contains("Sorry for the outage", entry.After, StringComparison.Ordinal);
        Assert.NotNull(entry.ActorUserId);

        var view = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/admin/credits/organizations/{customer.OrganizationId}");
        Assert.Contains(view.GetProperty("grants").EnumerateArray(), g => g.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task Staff_set_the_overdraft_allowance_and_it_is_audited()
    {
        var customer = await Factory.CreateAccountAsync();
        using var staff = await StaffAsync();

        var response = await staff.PutAsJsonAsync($"/api/v1/admin/credits/organizations/{customer.OrganizationId}/overdraft", new { credits = 250m });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(250_000, await Factory.WithDbAsync(db => db.CreditPools.Where(p => p.OrganizationId == customer.OrganizationId).Select(p => p.OverdraftAllowance).SingleAsync()));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.OrganizationId == customer.OrganizationId && a.Action == AuditActions.OverdraftChanged)));
    }

    [Theory]
    [InlineData(100, "too short")]
    [InlineData(100, null)]
    [InlineData(0, "A perfectly good reason for a grant")]
    [InlineData(-5, "A perfectly good reason for a grant")]
    [InlineData(1.0001, "A perfectly good reason for a grant")]
    [InlineData(20000000, "A perfectly good reason for a grant")]
    [InlineData(7.9e28, "A perfectly good reason for a grant")]
    public async Task A_bad_grant_is_refused_and_nothing_is_stored(double credits, string? reason)
    {
        var customer = await Factory.CreateAccountAsync();
        using var staff = await StaffAsync();
        var before = await Factory.WithDbAsync(db => db.CreditGrants.CountAsync(g => g.OrganizationId == customer.OrganizationId));

        var response = await staff.PostAsJsonAsync("/api/v1/admin/credits/grants", new { organizationId = customer.OrganizationId, credits = (decimal)credits, reason });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(before, await Factory.WithDbAsync(db => db.CreditGrants.CountAsync(g => g.OrganizationId == customer.OrganizationId)));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.OrganizationId == customer.OrganizationId && a.Action == AuditActions.CreditsGranted)));
    }

    [Fact]
    public async Task A_grant_with_a_past_expiry_or_to_an_unknown_organisation_is_refused()
    {
        var customer = await Factory.CreateAccountAsync();
        using var staff = await StaffAsync();

        var past = await staff.PostAsJsonAsync("/api/v1/admin/credits/grants", new { organizationId = customer.OrganizationId, credits = 5m, reason = "A perfectly good reason", expiresAt = Factory.Now.AddDays(-1) });
        var unknown = await staff.PostAsJsonAsync("/api/v1/admin/credits/grants", new { organizationId = Guid.NewGuid(), credits = 5m, reason = "A perfectly good reason" });
        var overdraft = await staff.PutAsJsonAsync($"/api/v1/admin/credits/organizations/{customer.OrganizationId}/overdraft", new { credits = -1m });

        await ProblemAssert.IsProblemAsync(past, HttpStatusCode.BadRequest, "validation_failed");
        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound, "organization_not_found");
        await ProblemAssert.IsProblemAsync(overdraft, HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task Customers_cannot_grant_credits_or_set_overdrafts()
    {
        var owner = await Factory.CreateAccountAsync(ApexAgent.Domain.Catalog.TierCode.Team);
        var key = await Factory.IssueKeyAsync(owner);
        using var client = Factory.ApiClient(key.Secret.Plaintext);
        foreach (var http in new[] { client })
        {
            var grant = await http.PostAsJsonAsync("/api/v1/admin/credits/grants", new { organizationId = owner.OrganizationId, credits = 1000m, reason = "I would like some credits please" });
            var overdraft = await http.PutAsJsonAsync($"/api/v1/admin/credits/organizations/{owner.OrganizationId}/overdraft", new { credits = 100m });
            var view = await http.GetAsync($"/api/v1/admin/credits/organizations/{owner.OrganizationId}");
            Assert.Equal(HttpStatusCode.Forbidden, grant.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, overdraft.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, view.StatusCode);
        }

        Assert.Equal(0, await Factory.WithDbAsync(db => db.CreditGrants.CountAsync(g => g.OrganizationId == owner.OrganizationId && g.Kind == GrantKind.Promotional)));
    }
}
