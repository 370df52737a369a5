using System.Net;
using System.Text.Json;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Credits;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Credits;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApexAgent.Tests.Portal.Credits;

/// <summary>GET /api/v1/credits/balance, /ledger and /grants: figures from the ledger, cursor paging, filters, refusals, tenancy.</summary>
public sealed class CreditsReadApiTests(SharedPortal portal) : IClassFixture<SharedPortal>
{
    private PortalFactory Factory => portal.Factory;

    [Fact]
    public async Task The_balance_sums_live_grants_by_kind_and_names_the_next_expiry()
    {
        var account = await CreditsTestData.NewAccountWithoutCreditsAsync(Factory, TierCode.Pro);
        var now = Factory.Now;
        var random = new Random(160);
        var expected = new Dictionary<GrantKind, long>();
        DateTimeOffset? soonest = null;
        long soonestAmount = 0;
        for (var i = 0; i < 12; i++)
        {
            var kind = (GrantKind)random.Next(0, 6);
            var amount = random.Next(1, 5_000_000);
            var expires = now.AddHours(random.Next(1, 500));
            await GiveAsync(account.OrganizationId, kind, amount, now.AddDays(-1), expires, $"test:{i}");
            expected[kind] = expected.GetValueOrDefault(kind) + amount;
            if (soonest is null || expires < soonest)
            {
                soonest = expires;
                soonestAmount = amount;
            }
            else if (expires == soonest)
            {
                soonestAmount += amount;
            }
        }

        await GiveAsync(account.OrganizationId, GrantKind.Promotional, 9_999, now.AddDays(-3), now.AddDays(-2), "test:ended");
        await GiveAsync(account.OrganizationId, GrantKind.Promotional, 7_777, now.AddDays(2), now.AddDays(3), "test:later");

        var balance = await GetAsync(account, "/api/v1/credits/balance");

        Assert.Equal(expected.Values.Sum() / 1000m, balance.GetProperty("available").GetDecimal());
        var byKind = balance.GetProperty("byKind").EnumerateArray().ToDictionary(k => k.GetProperty("kind").GetString()!, k => k.GetProperty("available").GetDecimal());
        Assert.Equal(expected.Count, byKind.Count);
        foreach (var (kind, amount) in expected)
        {
            Assert.Equal(amount / 1000m, byKind[JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString())]);
        }

        Assert.Equal(soonest!.Value, balance.GetProperty("nextExpiry").GetProperty("at").GetDateTimeOffset());
        Assert.Equal(soonestAmount / 1000m, balance.GetProperty("nextExpiry").GetProperty("credits").GetDecimal());
        Assert.Equal(0m, balance.GetProperty("overdrawn").GetDecimal());
    }

    [Fact]
    public async Task The_ledger_pages_newest_first_through_every_entry_exactly_once()
    {
        var account = await CreditsTestData.NewAccountWithoutCreditsAsync(Factory, TierCode.Pro);
        var now = Factory.Now;
        var count = new Random(16).Next(11, 30);
        for (var i = 0; i < count; i++)
        {
            await GiveAsync(account.OrganizationId, GrantKind.Promotional, 1_000 + i, now.AddMinutes(-i), now.AddDays(30), $"page:{i}");
        }

        var seen = new List<long>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await GetAsync(account, $"/api/v1/credits/ledger?limit=4{(cursor is null ? "" : "&cursor=" + cursor)}");
            var ids = page.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).ToList();
            Assert.InRange(ids.Count, 1, 4);
            seen.AddRange(ids);
            cursor = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(count, seen.Count);
        Assert.Equal(seen.Distinct().Count(), seen.Count);
        Assert.Equal(seen.OrderByDescending(id => id), seen);
        Assert.Equal((count + 3) / 4, pages);
    }

    [Fact]
    public async Task A_usage_entry_names_the_grant_that_paid_and_filters_by_kind_and_dates()
    {
        var account = await CreditsTestData.NewAccountWithoutCreditsAsync(Factory, TierCode.Pro);
        var now = Factory.Now;
        var grant = await GiveAsync(account.OrganizationId, GrantKind.DailyRefresh, 300_000, now.AddHours(-1), now.AddHours(20), "daily:test", "Daily refresh Nov 25");
        await Factory.WithDbAsync(async db =>
        {
            var row = await db.CreditGrants.SingleAsync(g => g.Id == grant);
            row.Remaining -= 3_000;
            db.CreditEntries.Add(new CreditEntry
            {
                OrganizationId = account.OrganizationId, Kind = LedgerEntryKind.Used, GrantId = grant, GrantKind = GrantKind.DailyRefresh,
                Change = -3_000, At = now.AddHours(1), UserId = account.UserId, Note = "agent.step",
            });
            return await db.SaveChangesAsync();
        });

        var used = await GetAsync(account, "/api/v1/credits/ledger?kind=used");
        var entry = Assert.Single(used.GetProperty("entries").EnumerateArray());
        Assert.Equal("used", entry.GetProperty("kind").GetString());
        Assert.Equal(-3m, entry.GetProperty("change").GetDecimal());
        Assert.Equal("daily_refresh", entry.GetProperty("grantKind").GetString());
        Assert.Equal("agent.step — 3 credits from Daily refresh Nov 25", entry.GetProperty("description").GetString());

        var granted = await GetAsync(account, "/api/v1/credits/ledger?kind=granted");
        Assert.Single(granted.GetProperty("entries").EnumerateArray());
        var before = await GetAsync(account, $"/api/v1/credits/ledger?to={Uri.EscapeDataString(now.AddMinutes(30).ToString("O"))}");
        Assert.Equal("granted", Assert.Single(before.GetProperty("entries").EnumerateArray()).GetProperty("kind").GetString());
        var after = await GetAsync(account, $"/api/v1/credits/ledger?from={Uri.EscapeDataString(now.AddMinutes(30).ToString("O"))}");
        Assert.Equal("used", Assert.Single(after.GetProperty("entries").EnumerateArray()).GetProperty("kind").GetString());
    }

    [Theory]
    [InlineData("cursor=abc", "invalid_cursor")]
    [InlineData("cursor=-4", "invalid_cursor")]
    [InlineData("cursor=0", "invalid_cursor")]
    [InlineData("limit=0", "invalid_limit")]
    [InlineData("limit=201", "invalid_limit")]
    [InlineData("limit=ten", "invalid_limit")]
    [InlineData("kind=Used", "invalid_kind")]
    [InlineData("kind=1", "invalid_kind")]
    [InlineData("from=yesterday", "invalid_range")]
    [InlineData("from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z", "invalid_range")]
    public async Task A_bad_ledger_query_is_refused_with_its_code(string query, string code)
    {
        var account = await CreditsTestData.NewAccountWithoutCreditsAsync(Factory, TierCode.Pro);
        var key = await Factory.IssueKeyAsync(account, [Permission.CreditsRead]);

        await ProblemAssert.IsProblemAsync(await Factory.ApiClient(key.Secret.Plaintext).GetAsync("/api/v1/credits/ledger?" + query), HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task Grants_are_listed_live_in_burn_order_or_ended()
    {
        var account = await CreditsTestData.NewAccountWithoutCreditsAsync(Factory, TierCode.Pro);
        var now = Factory.Now;
        await GiveAsync(account.OrganizationId, GrantKind.Base, 5_000_000, now.AddDays(-1), now.AddDays(29), "g:base");
        await GiveAsync(account.OrganizationId, GrantKind.DailyRefresh, 300_000, now.AddHours(-1), now.AddHours(5), "g:daily");
        await GiveAsync(account.OrganizationId, GrantKind.Purchased, 1_000_000, now.AddDays(-400), now.AddDays(-35), "g:old");

        var live = await GetAsync(account, "/api/v1/credits/grants");
        Assert.Equal(["daily_refresh", "base"], live.EnumerateArray().Select(g => g.GetProperty("kind").GetString()!).ToArray());
        Assert.Equal(300m, live[0].GetProperty("remaining").GetDecimal());
        var ended = await GetAsync(account, "/api/v1/credits/grants?status=ended");
        Assert.Equal("purchased", Assert.Single(ended.EnumerateArray()).GetProperty("kind").GetString());

        var key = await Factory.IssueKeyAsync(account, [Permission.CreditsRead]);
        await ProblemAssert.IsProblemAsync(await Factory.ApiClient(key.Secret.Plaintext).GetAsync("/api/v1/credits/grants?status=all"), HttpStatusCode.BadRequest, "invalid_status");
    }

    [Fact]
    public async Task Another_organisations_credits_are_never_visible()
    {
        var owner = await CreditsTestData.NewAccountWithoutCreditsAsync(Factory, TierCode.Pro);
        var stranger = await CreditsTestData.NewAccountWithoutCreditsAsync(Factory, TierCode.Pro);
        var now = Factory.Now;
        await GiveAsync(owner.OrganizationId, GrantKind.Promotional, 123_456, now.AddHours(-1), now.AddDays(5), "secret");

        Assert.Equal(0m, (await GetAsync(stranger, "/api/v1/credits/balance")).GetProperty("available").GetDecimal());
        Assert.Empty((await GetAsync(stranger, "/api/v1/credits/ledger")).GetProperty("entries").EnumerateArray());
        Assert.Empty((await GetAsync(stranger, "/api/v1/credits/grants")).EnumerateArray());
        var ownerEntry = (await GetAsync(owner, "/api/v1/credits/ledger")).GetProperty("entries")[0].GetProperty("id").GetInt64();
        Assert.Empty((await GetAsync(stranger, $"/api/v1/credits/ledger?cursor={ownerEntry + 1}")).GetProperty("entries").EnumerateArray());
        Assert.Equal(123.456m, (await GetAsync(owner, "/api/v1/credits/balance")).GetProperty("available").GetDecimal());
    }

    [Fact]
    public async Task A_key_without_credits_read_is_refused()
    {
        var account = await CreditsTestData.NewAccountWithoutCreditsAsync(Factory, TierCode.Pro);
        var key = await Factory.IssueKeyAsync(account, [Permission.ProfileRead]);
        var client = Factory.ApiClient(key.Secret.Plaintext);

        foreach (var path in new[] { "/api/v1/credits/balance", "/api/v1/credits/ledger", "/api/v1/credits/grants", "/api/v1/rate-card" })
        {
            await ProblemAssert.IsProblemAsync(await client.GetAsync(path), HttpStatusCode.Forbidden, "insufficient_scope");
        }
    }

    private async Task<JsonElement> GetAsync(TestSupport.TestAccount account, string path)
    {
        var key = await Factory.IssueKeyAsync(account, [Permission.CreditsRead]);
        var response = await Factory.ApiClient(key.Secret.Plaintext).GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<Guid> GiveAsync(Guid organizationId, GrantKind kind, long millicredits, DateTimeOffset starts, DateTimeOffset expires, string source, string? description = null)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var given = await CreditBooks.GiveAsync(db, new GrantRequest(organizationId, kind, new Millicredits(millicredits), starts, expires, source, description ?? source), Factory.Now, CancellationToken.None);
        Assert.True(given.IsSuccess, given.Error?.Message);
        await db.SaveChangesAsync();
        return given.Value.Id;
    }
}
