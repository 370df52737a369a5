using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.ApiKeys;
using ApexAgent.Domain.Catalog;
using ApexAgent.Portal.Features.ApiKeys;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ApexAgent.Tests.Portal.ApiKeys;

public sealed class ApiKeyAuthenticationTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private PortalFactory factory = default!;

    public Task InitializeAsync()
    {
        factory = new PortalFactory(clock: clock);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task A_valid_key_reads_me_as_its_user_organisation_and_plan()
    {
        var account = await factory.CreateAccountAsync(TierCode.Pro);
        var key = await factory.IssueKeyAsync(account, [Permission.ProfileRead]);

        var response = await factory.ApiClient(key.Secret.Plaintext).GetAsync("/api/v1/me");

        response.EnsureSuccessStatusCode();
        var me = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(account.Email, me.GetProperty("user").GetProperty("email").GetString());
        Assert.Equal(account.OrganizationId, me.GetProperty("organization").GetProperty("id").GetGuid());
        Assert.Equal("pro", me.GetProperty("subscription").GetProperty("tier").GetString());
        Assert.Equal(key.Key.Id, me.GetProperty("apiKey").GetProperty("id").GetGuid());
        Assert.Equal([Permission.ProfileRead], me.GetProperty("apiKey").GetProperty("scopes").EnumerateArray().Select(s => s.GetString()!).ToArray());
    }

    [Fact]
    public async Task No_key_is_refused_with_401_problem()
    {
        var response = await factory.ApiClient().GetAsync("/api/v1/me");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "missing_api_key");
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("apx_live_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "invalid_api_key")]
    [InlineData("apx_test_0123456789abcdefghijABCDEFGHIJ01", "invalid_api_key")]
    [InlineData("sk_live_something", "invalid_api_key")]
    [InlineData("apx_live_short", "invalid_api_key")]
    [InlineData("' OR 1=1 --", "invalid_api_key")]
    public async Task A_forged_key_is_refused_with_401_problem(string forged, string code)
    {
        var account = await factory.CreateAccountAsync(TierCode.Pro);
        await factory.IssueKeyAsync(account);

        var response = await factory.ApiClient(forged).GetAsync("/api/v1/me");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, code);
    }

    [Fact]
    public async Task A_non_bearer_authorization_header_is_refused()
    {
        var client = factory.ApiClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Basic dXNlcjpwYXNz");

        var response = await client.GetAsync("/api/v1/me");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "invalid_authorization_header");
    }

    [Fact]
    public async Task A_revoked_key_stops_working_on_the_very_next_request()
    {
        var account = await factory.CreateAccountAsync(TierCode.Pro);
        var key = await factory.IssueKeyAsync(account);
        var client = factory.ApiClient(key.Secret.Plaintext);
        (await client.GetAsync("/api/v1/me")).EnsureSuccessStatusCode(); // the key is now cached

        (await client.PostAsync($"/api/v1/api-keys/{key.Key.Id}/revoke", null)).EnsureSuccessStatusCode();
        var after = await client.GetAsync("/api/v1/me");

        await ProblemAssert.IsProblemAsync(after, HttpStatusCode.Unauthorized, "api_key_revoked");
    }

    [Fact]
    public async Task An_expired_key_is_refused_once_its_expiry_passes()
    {
        var account = await factory.CreateAccountAsync(TierCode.Pro);
        var key = await factory.IssueKeyAsync(account, expiresAt: clock.GetUtcNow().AddDays(30));
        var client = factory.ApiClient(key.Secret.Plaintext);
        (await client.GetAsync("/api/v1/me")).EnsureSuccessStatusCode();

        clock.Advance(TimeSpan.FromDays(30));
        var response = await client.GetAsync("/api/v1/me");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "api_key_expired");
    }

    [Fact]
    public async Task Rotation_issues_a_working_successor_and_retires_the_old_key_after_the_grace_period()
    {
        var account = await factory.CreateAccountAsync(TierCode.Pro);
        var key = await factory.IssueKeyAsync(account);
        var oldClient = factory.ApiClient(key.Secret.Plaintext);
        (await oldClient.GetAsync("/api/v1/me")).EnsureSuccessStatusCode();

        var rotated = await oldClient.PostAsJsonAsync($"/api/v1/api-keys/{key.Key.Id}/rotate", new { graceHours = 2 });
        rotated.EnsureSuccessStatusCode();
        var successor = (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        var newClient = factory.ApiClient(successor);

        Assert.Equal(HttpStatusCode.OK, (await oldClient.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await newClient.GetAsync("/api/v1/me")).StatusCode);
        clock.Advance(TimeSpan.FromHours(2));
        await ProblemAssert.IsProblemAsync(await oldClient.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized, "api_key_expired");
        Assert.Equal(HttpStatusCode.OK, (await newClient.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task A_key_without_the_needed_scope_gets_403()
    {
        var account = await factory.CreateAccountAsync(TierCode.Pro);
        var key = await factory.IssueKeyAsync(account, [Permission.ProfileRead]);

        var list = await factory.ApiClient(key.Secret.Plaintext).GetAsync("/api/v1/api-keys");
        var create = await factory.ApiClient(key.Secret.Plaintext).PostAsJsonAsync("/api/v1/api-keys", new { name = "x" });

        await ProblemAssert.IsProblemAsync(list, HttpStatusCode.Forbidden, "insufficient_scope");
        await ProblemAssert.IsProblemAsync(create, HttpStatusCode.Forbidden, "insufficient_scope");
        Assert.Equal(1, await factory.WithDbAsync(db => db.ApiKeys.CountAsync()));
    }

    [Fact]
    public async Task Requests_are_counted_per_key_and_flushed_with_the_last_use_time()
    {
        var account = await factory.CreateAccountAsync(TierCode.Pro);
        var key = await factory.IssueKeyAsync(account);
        var client = factory.ApiClient(key.Secret.Plaintext);
        for (var i = 0; i < 3; i++)
        {
            (await client.GetAsync("/api/v1/me")).EnsureSuccessStatusCode();
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ApiKeyUsageFlushJob>().FlushAsync(CancellationToken.None);
        }

        var stored = await factory.WithDbAsync(db => db.ApiKeys.AsNoTracking().SingleAsync(k => k.Id == key.Key.Id));
        Assert.Equal(3, stored.RequestCount);
        Assert.Equal(clock.GetUtcNow(), stored.LastUsedAt);
    }

    [Fact]
    public async Task Only_the_hash_of_a_key_is_stored()
    {
        var account = await factory.CreateAccountAsync(TierCode.Pro);
        var key = await factory.IssueKeyAsync(account, mode: ApiKeyMode.Live);

        var dbFile = Path.Combine(factory.DatabaseFolder, "portal.db");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var bytes = string.Concat(Directory.GetFiles(factory.DatabaseFolder).Select(f => File.ReadAllText(f)));

        Assert.True(File.Exists(dbFile));
        Assert.DoesNotContain(key.Secret.Plaintext, bytes, StringComparison.Ordinal);
        Assert.Contains(ApiKeySecret.HashOf(key.Secret.Plaintext), bytes, StringComparison.Ordinal);
    }
}
