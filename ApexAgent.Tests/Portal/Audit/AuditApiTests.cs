using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.ApiKeys;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Compliance;
using ApexAgent.Portal.Features.Audit;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Tests.Portal.Audit;

public sealed class AuditApiTests(SharedPortal portal) : IClassFixture<SharedPortal>
{
    private PortalFactory Factory => portal.Factory;

    [Fact]
    public async Task Creating_and_revoking_a_key_through_the_api_is_audited_with_the_key_that_did_it()
    {
        var account = await Factory.CreateAccountAsync(TierCode.Pro);
        var calling = await Factory.IssueKeyAsync(account, [Permission.ApiKeysManage, Permission.AuditRead]);
        var client = Factory.ApiClient(calling.Secret.Plaintext);

        var created = await (await client.PostAsJsonAsync("/api/v1/api-keys", new { name = "deploy bot", scopes = new[] { "apikeys.manage" } })).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("key").GetProperty("id").GetGuid();
        (await client.PostAsync($"/api/v1/api-keys/{id}/revoke", null)).EnsureSuccessStatusCode();

        var log = await client.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=apikey.revoked");
        var revoked = Assert.Single(log.GetProperty("items").EnumerateArray());
        Assert.Equal(id.ToString(), revoked.GetProperty("entityId").GetString());
        Assert.Equal(calling.Key.Id, revoked.GetProperty("apiKeyId").GetGuid());
        Assert.Equal(account.Email, revoked.GetProperty("actorLabel").GetString());
        Assert.Equal(JsonValueKind.Null, revoked.GetProperty("before").GetProperty("revokedAt").ValueKind);
        var creation = Assert.Single((await client.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=apikey.created")).GetProperty("items").EnumerateArray(), e => e.GetProperty("entityId").GetString() == id.ToString());
        Assert.Equal("deploy bot", creation.GetProperty("after").GetProperty("name").GetString());
        Assert.Equal(1, log.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Moving_to_another_plan_is_audited_as_one_subscription_ending_and_the_next_starting()
    {
        var account = await Factory.CreateAccountAsync();

        await Factory.ChangeTierAsync(account.OrganizationId, TierCode.Pro);

        var entries = await Factory.EntriesAsync(account.OrganizationId);
        var ended = Assert.Single(entries, e => e.Action == AuditActions.SubscriptionEnded);
        Assert.Equal("Active", JsonDocument.Parse(ended.Before!).RootElement.GetProperty("status").GetString());
        Assert.Equal("Canceled", JsonDocument.Parse(ended.After!).RootElement.GetProperty("status").GetString());
        var started = entries.Last();
        Assert.Equal(AuditActions.SubscriptionStarted, started.Action);
        Assert.Equal("Pro", JsonDocument.Parse(started.After!).RootElement.GetProperty("tier").GetString());
        Assert.Null(started.ActorUserId); // no one acting: the system placed it
        Assert.True(ended.Sequence < started.Sequence, "the old subscription ends before the new one starts");
    }

    [Fact]
    public async Task The_log_and_its_verification_never_show_another_organisations_entries()
    {
        var mine = await Factory.CreateAccountAsync(TierCode.Pro);
        var theirs = await Factory.CreateAccountAsync(TierCode.Pro);
        var theirKey = await Factory.IssueKeyAsync(theirs, [Permission.ProfileRead]);
        var client = Factory.ApiClient((await Factory.IssueKeyAsync(mine, [Permission.AuditRead])).Secret.Plaintext);
        var theirEntities = (await Factory.EntriesAsync(theirs.OrganizationId)).Select(e => e.EntityId).ToHashSet();

        var seen = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var body = await client.GetFromJsonAsync<JsonElement>($"/api/v1/audit?page={page}&pageSize=2");
            var items = body.GetProperty("items").EnumerateArray().ToList();
            seen.AddRange(items);
            if (items.Count < 2)
            {
                Assert.Equal(seen.Count, body.GetProperty("total").GetInt32());
                break;
            }
        }

        Assert.True(seen.Count >= 5, $"only {seen.Count} entries");
        Assert.All(seen, e => Assert.Equal(mine.OrganizationId, e.GetProperty("organizationId").GetGuid()));
        Assert.DoesNotContain(seen, e => theirEntities.Contains(e.GetProperty("entityId").GetString()));
        Assert.DoesNotContain(seen, e => e.GetProperty("entityId").GetString() == theirKey.Key.Id.ToString());
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>($"/api/v1/audit?actor={Uri.EscapeDataString(theirs.Email)}")).GetProperty("total").GetInt32());
        var verification = await client.GetFromJsonAsync<JsonElement>("/api/v1/audit/verification");
        Assert.Equal(seen.Count, verification.GetProperty("entriesVerified").GetInt64());
    }

    [Fact]
    public async Task Filters_narrow_the_log_and_bad_paging_is_refused()
    {
        var account = await Factory.CreateAccountAsync(TierCode.Pro);
        var client = Factory.ApiClient((await Factory.IssueKeyAsync(account, [Permission.AuditRead])).Secret.Plaintext);
        var all = (await Factory.EntriesAsync(account.OrganizationId)).Count;
        var later = Uri.EscapeDataString(Factory.Now.AddDays(1).ToString("O"));

        var byAction = await client.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=organization.created");
        var future = await client.GetFromJsonAsync<JsonElement>($"/api/v1/audit?from={later}");
        var past = await client.GetFromJsonAsync<JsonElement>($"/api/v1/audit?to={later}");

        Assert.Equal(1, byAction.GetProperty("total").GetInt32());
        Assert.Equal(0, future.GetProperty("total").GetInt32());
        Assert.Equal(all, past.GetProperty("total").GetInt32());
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/audit?pageSize=101"), HttpStatusCode.BadRequest, "validation_failed");
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/audit?page=0"), HttpStatusCode.BadRequest, "validation_failed");
    }

    [Theory]
    [InlineData("alter", 2, "altered")]
    [InlineData("delete", 2, "missing")]
    [InlineData("delete-last", 0, "tail_deleted")]
    [InlineData("swap", 2, "altered")]
    [InlineData("rehash", 2, "link_broken")]
    public async Task Tampering_with_a_stored_entry_makes_verification_report_that_entry(string tampering, long at, string reason)
    {
        var account = await Factory.CreateAccountAsync(TierCode.Pro);
        await Factory.IssueKeyAsync(account, [Permission.ProfileRead], ApiKeyMode.Test);
        var client = Factory.ApiClient((await Factory.IssueKeyAsync(account, [Permission.AuditRead])).Secret.Plaintext);
        var entries = await Factory.EntriesAsync(account.OrganizationId);
        Assert.True((await client.GetFromJsonAsync<JsonElement>("/api/v1/audit/verification")).GetProperty("intact").GetBoolean());
        var expected = at == 0 ? entries.Count : at;
        var target = entries.Single(e => e.Sequence == expected);

        await Factory.WithDbAsync(db => tampering switch
        {
            "alter" => db.Database.ExecuteSqlAsync($"UPDATE AuditEntries SET After = '{{\"role\":\"Owner\"}}' WHERE Id = {target.Id}"),
            "delete" or "delete-last" => db.Database.ExecuteSqlAsync($"DELETE FROM AuditEntries WHERE Id = {target.Id}"),
            "swap" => SwapAsync(db, target.Id, entries.Single(e => e.Sequence == expected + 1).Id),
            _ => db.Database.ExecuteSqlAsync($"UPDATE AuditEntries SET Reason = 'forged', Hash = {AuditChain.HashOf(target.PreviousHash, target.ToRecord() with { Reason = "forged" })} WHERE Id = {target.Id}"),
        });

        var verification = await client.GetFromJsonAsync<JsonElement>("/api/v1/audit/verification");
        Assert.False(verification.GetProperty("intact").GetBoolean());
        var reportedAt = tampering == "rehash" ? expected + 1 : expected;
        Assert.Equal(reportedAt, verification.GetProperty("brokenAtSequence").GetInt64());
        Assert.Equal(reason, verification.GetProperty("reason").GetString());
        Assert.StartsWith($"Entry #{reportedAt} ", verification.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Equal(reportedAt - 1, verification.GetProperty("entriesVerified").GetInt64());
    }

    private static async Task<int> SwapAsync(ApexAgent.Portal.Data.PortalDbContext db, Guid first, Guid second)
    {
        var a = await db.AuditEntries.AsNoTracking().Where(e => e.Id == first).Select(e => e.Sequence).SingleAsync();
        var b = await db.AuditEntries.AsNoTracking().Where(e => e.Id == second).Select(e => e.Sequence).SingleAsync();
        await db.Database.ExecuteSqlAsync($"UPDATE AuditEntries SET Sequence = -1 WHERE Id = {first}");
        await db.Database.ExecuteSqlAsync($"UPDATE AuditEntries SET Sequence = {a} WHERE Id = {second}");
        return await db.Database.ExecuteSqlAsync($"UPDATE AuditEntries SET Sequence = {b} WHERE Id = {first}");
    }
}
