using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.ApiKeys;
using ApexAgent.Domain.Catalog;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApexAgent.Tests.Portal.ApiKeys;

public sealed class ApiKeyManagementApiTests(SharedPortal portal) : IClassFixture<SharedPortal>
{
    private PortalFactory Factory => portal.Factory;

    [Fact]
    public async Task Creating_a_key_returns_the_secret_once_and_lists_it_by_prefix_only()
    {
        var account = await Factory.CreateAccountAsync(TierCode.Pro);
        var admin = Factory.ApiClient((await Factory.IssueKeyAsync(account, mode: ApiKeyMode.Live)).Secret.Plaintext);

        var created = await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "  CI pipeline ", mode = "live", scopes = new[] { "account.profile.read" } });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var secret = body.GetProperty("secret").GetString()!;
        Assert.StartsWith("apx_live_", secret, StringComparison.Ordinal);
        Assert.True(ApiKeySecret.HasValidFormat(secret));
        Assert.Equal("CI pipeline", body.GetProperty("key").GetProperty("name").GetString());
        Assert.Equal(created.Headers.Location!.ToString(), $"/api/v1/api-keys/{body.GetProperty("key").GetProperty("id").GetGuid()}");

        var listed = await admin.GetStringAsync("/api/v1/api-keys");
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        Assert.Contains(secret[..15], listed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Factory.ApiClient(secret).GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Mode_defaults_to_test_and_scopes_to_read_only()
    {
        var account = await Factory.CreateAccountAsync(TierCode.Pro);
        var admin = Factory.ApiClient((await Factory.IssueKeyAsync(account)).Secret.Plaintext);

        var body = await (await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "defaults" })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.StartsWith("apx_test_", body.GetProperty("secret").GetString(), StringComparison.Ordinal);
        Assert.Equal(["account.profile.read"], body.GetProperty("key").GetProperty("scopes").EnumerateArray().Select(s => s.GetString()!).ToArray());
    }

    [Fact]
    public async Task The_free_plan_may_create_test_keys_but_not_live_keys()
    {
        var account = await Factory.CreateAccountAsync(TierCode.Free);
        await using var scope = Factory.Services.CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<ApexAgent.Portal.Features.ApiKeys.ApiKeyService>();

        var live = await keys.CreateAsync(account.Actor, new NewApiKey("live", ApiKeyMode.Live, [Permission.ProfileRead], null), CancellationToken.None);
        var test = await keys.CreateAsync(account.Actor, new NewApiKey("test", ApiKeyMode.Test, [Permission.ProfileRead], null), CancellationToken.None);

        Assert.Equal("api_access_not_in_plan", live.Error?.Code);
        Assert.True(test.IsSuccess);
    }

    [Fact]
    public async Task A_key_cannot_create_a_key_with_scopes_it_does_not_hold()
    {
        var account = await Factory.CreateAccountAsync(TierCode.Pro);
        var narrow = Factory.ApiClient((await Factory.IssueKeyAsync(account, [Permission.ApiKeysManage])).Secret.Plaintext);
        var before = await Factory.WithDbAsync(db => db.ApiKeys.CountAsync(k => k.UserId == account.UserId));

        var response = await narrow.PostAsJsonAsync("/api/v1/api-keys", new { name = "wider", scopes = new[] { "apikeys.read", "apikeys.manage" } });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "scope_not_held");
        Assert.Equal(before, await Factory.WithDbAsync(db => db.ApiKeys.CountAsync(k => k.UserId == account.UserId)));
    }

    [Fact]
    public async Task Another_customer_cannot_see_revoke_or_rotate_my_key()
    {
        var mine = await Factory.CreateAccountAsync(TierCode.Pro);
        var myKey = await Factory.IssueKeyAsync(mine);
        var theirs = await Factory.CreateAccountAsync(TierCode.Enterprise);
        var intruder = Factory.ApiClient((await Factory.IssueKeyAsync(theirs)).Secret.Plaintext);

        await ProblemAssert.IsProblemAsync(await intruder.GetAsync($"/api/v1/api-keys/{myKey.Key.Id}"), HttpStatusCode.NotFound, "api_key_not_found");
        await ProblemAssert.IsProblemAsync(await intruder.PostAsync($"/api/v1/api-keys/{myKey.Key.Id}/revoke", null), HttpStatusCode.NotFound, "api_key_not_found");
        await ProblemAssert.IsProblemAsync(await intruder.PostAsJsonAsync($"/api/v1/api-keys/{myKey.Key.Id}/rotate", new { }), HttpStatusCode.NotFound, "api_key_not_found");
        var list = await intruder.GetFromJsonAsync<JsonElement>("/api/v1/api-keys");
        Assert.DoesNotContain(list.EnumerateArray(), k => k.GetProperty("id").GetGuid() == myKey.Key.Id);

        var stored = await Factory.WithDbAsync(db => db.ApiKeys.AsNoTracking().SingleAsync(k => k.Id == myKey.Key.Id));
        Assert.Null(stored.RevokedAt);
        Assert.Null(stored.ReplacedById);
        Assert.Equal(HttpStatusCode.OK, (await Factory.ApiClient(myKey.Secret.Plaintext).GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Revoking_twice_keeps_the_first_revocation()
    {
        var account = await Factory.CreateAccountAsync(TierCode.Pro);
        var admin = Factory.ApiClient((await Factory.IssueKeyAsync(account)).Secret.Plaintext);
        var target = await Factory.IssueKeyAsync(account);

        var first = await (await admin.PostAsync($"/api/v1/api-keys/{target.Key.Id}/revoke", null)).Content.ReadFromJsonAsync<JsonElement>();
        var second = await (await admin.PostAsync($"/api/v1/api-keys/{target.Key.Id}/revoke", null)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("revoked", second.GetProperty("state").GetString());
        Assert.Equal(first.GetProperty("revokedAt").GetDateTimeOffset(), second.GetProperty("revokedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Rotating_a_revoked_key_is_a_conflict()
    {
        var account = await Factory.CreateAccountAsync(TierCode.Pro);
        var admin = Factory.ApiClient((await Factory.IssueKeyAsync(account)).Secret.Plaintext);
        var target = await Factory.IssueKeyAsync(account);
        await admin.PostAsync($"/api/v1/api-keys/{target.Key.Id}/revoke", null);

        var response = await admin.PostAsJsonAsync($"/api/v1/api-keys/{target.Key.Id}/rotate", new { graceHours = 1 });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "api_key_not_active");
    }

    [Fact]
    public async Task The_tier_list_is_public_and_matches_the_catalog()
    {
        var tiers = await Factory.ApiClient().GetFromJsonAsync<JsonElement>("/api/v1/tiers");

        var byCode = tiers.EnumerateArray().ToDictionary(t => t.GetProperty("code").GetString()!);
        Assert.Equal(["free", "pro", "team", "enterprise"], byCode.Keys.ToArray());
        Assert.Equal(2000, byCode["pro"].GetProperty("monthlyPriceMinor").GetInt64());
        Assert.Equal(8000m, byCode["team"].GetProperty("baseCredits").GetDecimal());
        Assert.Equal(10, byCode["enterprise"].GetProperty("minSeats").GetInt32());
    }

    [Fact]
    public async Task A_key_cannot_gain_scopes_by_rotating_a_wider_key()
    {
        var account = await Factory.CreateAccountAsync(TierCode.Pro);
        var wide = await Factory.IssueKeyAsync(account, [Permission.ProfileRead, Permission.ApiKeysRead]);
        var narrow = Factory.ApiClient((await Factory.IssueKeyAsync(account, [Permission.ApiKeysManage])).Secret.Plaintext);

        var response = await narrow.PostAsJsonAsync($"/api/v1/api-keys/{wide.Key.Id}/rotate", new { graceHours = 1 });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "scope_not_held");
        Assert.Null((await Factory.WithDbAsync(db => db.ApiKeys.AsNoTracking().SingleAsync(k => k.Id == wide.Key.Id))).ReplacedById);
    }

    [Fact]
    public async Task A_test_key_cannot_create_a_live_key()
    {
        var account = await Factory.CreateAccountAsync(TierCode.Pro);
        var testKey = Factory.ApiClient((await Factory.IssueKeyAsync(account, mode: ApiKeyMode.Test)).Secret.Plaintext);

        var response = await testKey.PostAsJsonAsync("/api/v1/api-keys", new { name = "escalate", mode = "live" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "live_key_from_test_key");
    }

    [Fact]
    public async Task A_key_cannot_create_a_key_that_outlives_it()
    {
        var account = await Factory.CreateAccountAsync(TierCode.Pro);
        var shortLived = await Factory.IssueKeyAsync(account, expiresAt: Factory.Now.AddDays(1));
        var client = Factory.ApiClient(shortLived.Secret.Plaintext);

        var forever = await client.PostAsJsonAsync("/api/v1/api-keys", new { name = "forever" });
        var withinLife = await client.PostAsJsonAsync("/api/v1/api-keys", new { name = "short", expiresAt = Factory.Now.AddHours(12) });

        var problem = await ProblemAssert.IsProblemAsync(forever, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("ExpiresAt", out _));
        Assert.Equal(HttpStatusCode.Created, withinLife.StatusCode);
    }

    [Fact]
    public async Task Concurrent_rotations_of_one_key_issue_one_successor()
    {
        var account = await Factory.CreateAccountAsync(TierCode.Pro);
        var target = await Factory.IssueKeyAsync(account);
        var client = Factory.ApiClient((await Factory.IssueKeyAsync(account)).Secret.Plaintext);

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.PostAsJsonAsync($"/api/v1/api-keys/{target.Key.Id}/rotate", new { graceHours = 1 })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.ApiKeys.CountAsync(k => k.UserId == account.UserId && k.Name == "test key" && k.CreatedAt > target.Key.CreatedAt && k.Id != target.Key.Id && db.ApiKeys.Any(o => o.Id == target.Key.Id && o.ReplacedById == k.Id))));
    }
}
