using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Credits;
using ApexAgent.Portal.Features.Credits.Usage;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Tests.Portal.Credits;

/// <summary>POST /api/v1/admin/credits/usage/reverse: credits go back where they came from, once, audited.</summary>
public sealed class UsageReversalTests(SharedPortal portal) : IClassFixture<SharedPortal>
{
    private const string Path = "/api/v1/admin/credits/usage/reverse";
    private static readonly TimeSpan Month = TimeSpan.FromDays(30);

    private PortalFactory Factory => portal.Factory;

    [Fact]
    public async Task Reversal_gives_each_part_back_to_its_live_grant_once()
    {
        var (account, client) = await CustomerAsync();
        var daily = await CreditsTestData.GiveAsync(Factory, account.OrganizationId, GrantKind.DailyRefresh, 2, TimeSpan.FromHours(6));
        var baseGrant = await CreditsTestData.GiveAsync(Factory, account.OrganizationId, GrantKind.Base, 50, Month);
        (await client.PostAsJsonAsync("/api/v1/usage", new { eventId = "task-7", feature = "browser.minute", quantity = 3 })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("/api/v1/usage", new { eventId = "task-8", feature = "agent.step", quantity = 1 })).EnsureSuccessStatusCode();
        var staff = await StaffAsync();

        var response = await staff.PostAsJsonAsync(Path, new { organizationId = account.OrganizationId, eventId = "task-7", reason = "The browser crashed on our side" });
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // task-7 took 2 from the daily grant and 4 from base; task-8 then 1 from base; both parts go back.
        Assert.Equal((6m, 51m), (body.GetProperty("returned").GetDecimal(), body.GetProperty("balance").GetDecimal()));
        Assert.Equal(2_000, await CreditsTestData.RemainingAsync(Factory, daily));
        Assert.Equal(49_000, await CreditsTestData.RemainingAsync(Factory, baseGrant));
        await Factory.WithDbAsync(async db =>
        {
            var usage = await db.UsageEvents.SingleAsync(u => u.OrganizationId == account.OrganizationId && u.EventId == "task-7");
            Assert.NotNull(usage.ReversedAt);
            Assert.Equal("The browser crashed on our side", usage.ReversalReason);
            var used = await db.CreditEntries.Where(e => e.UsageEventId == usage.Id && e.Kind == LedgerEntryKind.Used).ToListAsync();
            var reversed = await db.CreditEntries.Where(e => e.UsageEventId == usage.Id && e.Kind == LedgerEntryKind.Reversed).ToListAsync();
            Assert.Equal(used.Select(u => (u.Id, u.GrantId, -u.Change)).OrderBy(x => x.Id), reversed.Select(r => (r.Reverses!.Value, r.GrantId, r.Change)).OrderBy(x => x.Item1));
            Assert.Equal(1_000, await db.UsageDays.Where(d => d.OrganizationId == account.OrganizationId).SumAsync(d => d.Used));
            Assert.Equal(1_000, await db.UsageHours.Where(d => d.OrganizationId == account.OrganizationId).SumAsync(d => d.Used)); // only task-8 still counts
            Assert.Equal(1_000, await db.CreditBurnDays.Where(b => b.OrganizationId == account.OrganizationId).SumAsync(b => b.Used));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.OrganizationId == account.OrganizationId && a.Action == UsageReversals.AuditAction));
            return 0;
        });
        await CreditsTestData.AssertBooksBalanceAsync(Factory, account.OrganizationId);

        await ProblemAssert.IsProblemAsync(
            await staff.PostAsJsonAsync(Path, new { organizationId = account.OrganizationId, eventId = "task-7", reason = "again" }), HttpStatusCode.Conflict, "already_reversed");
        await ProblemAssert.IsProblemAsync(
            await staff.PostAsJsonAsync(Path, new { organizationId = account.OrganizationId, eventId = "task-404", reason = "missing" }), HttpStatusCode.NotFound, "usage_event_not_found");
        await ProblemAssert.IsProblemAsync(
            await staff.PostAsJsonAsync(Path, new { organizationId = account.OrganizationId, eventId = "task-8", reason = " " }), HttpStatusCode.BadRequest, "reason_required");
    }

    [Fact]
    public async Task A_part_whose_grant_has_ended_goes_back_as_a_new_grant_of_its_kind()
    {
        var (account, client) = await CustomerAsync();
        var daily = await CreditsTestData.GiveAsync(Factory, account.OrganizationId, GrantKind.DailyRefresh, 2, TimeSpan.FromHours(6));
        var baseGrant = await CreditsTestData.GiveAsync(Factory, account.OrganizationId, GrantKind.Base, 50, Month);
        (await client.PostAsJsonAsync("/api/v1/usage", new { eventId = "late", feature = "agent.step", quantity = 5 })).EnsureSuccessStatusCode();
        await Factory.WithDbAsync(db => db.CreditGrants.Where(g => g.Id == daily).ExecuteUpdateAsync(s => s.SetProperty(g => g.ExpiresAt, Factory.Now.AddMinutes(-1))));

        var response = await (await StaffAsync()).PostAsJsonAsync(Path, new { organizationId = account.OrganizationId, eventId = "late", reason = "Agent runtime fault" });
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var parts = body.GetProperty("parts").EnumerateArray().ToList();
        Assert.Equal(2, parts.Count);
        Assert.True(parts[0].GetProperty("toNewGrant").GetBoolean());
        Assert.Equal("daily_refresh", parts[0].GetProperty("kind").GetString());
        Assert.Equal(baseGrant, parts[1].GetProperty("grantId").GetGuid());
        Assert.Equal(50_000, await CreditsTestData.RemainingAsync(Factory, baseGrant));
        var refund = await Factory.WithDbAsync(db => db.CreditGrants.SingleAsync(g => g.OrganizationId == account.OrganizationId && g.Source.StartsWith("refund:")));
        Assert.Equal((parts[0].GetProperty("grantId").GetGuid(), GrantKind.DailyRefresh, 2_000L, 2_000L), (refund.Id, refund.Kind, refund.Amount, refund.Remaining));
        Assert.True(refund.ExpiresAt > Factory.Now.AddDays(29));
        Assert.Equal(52m, body.GetProperty("balance").GetDecimal());
        await CreditsTestData.AssertBooksBalanceAsync(Factory, account.OrganizationId);
    }

    [Fact]
    public async Task Customers_cannot_reverse_usage()
    {
        var (account, client) = await CustomerAsync();
        await CreditsTestData.GiveAsync(Factory, account.OrganizationId, GrantKind.Base, 50, Month);
        (await client.PostAsJsonAsync("/api/v1/usage", new { eventId = "mine", feature = "agent.step", quantity = 5 })).EnsureSuccessStatusCode();

        await ProblemAssert.IsProblemAsync(
            await client.PostAsJsonAsync(Path, new { organizationId = account.OrganizationId, eventId = "mine", reason = "please" }), HttpStatusCode.Forbidden, "insufficient_scope");
        var actor = await Factory.ActorOfAsync(account.UserId, account.OrganizationId);
        var refused = await Factory.Get<UsageReversals>().ReverseAsync(actor, account.OrganizationId, "mine", "please", CancellationToken.None);
        Assert.Equal("forbidden", refused.Error?.Code);
        Assert.Null(await Factory.WithDbAsync(db => db.UsageEvents.Where(u => u.OrganizationId == account.OrganizationId).Select(u => u.ReversedAt).SingleAsync()));
    }

    private async Task<(TestAccount Account, HttpClient Client)> CustomerAsync()
    {
        var account = await CreditsTestData.NewAccountWithoutCreditsAsync(Factory, TierCode.Pro);
        var key = await Factory.IssueKeyAsync(account);
        return (account, Factory.ApiClient(key.Secret.Plaintext));
    }

    private async Task<HttpClient> StaffAsync()
    {
        var staff = await Factory.CreateAccountAsync(TierCode.Free, PlatformRole.PlatformAdmin);
        var key = await Factory.IssueKeyAsync(staff, [Permission.CreditsOperate]);
        return Factory.ApiClient(key.Secret.Plaintext);
    }
}
