using System.Net;
using System.Text;
using ApexAgent.Domain.Catalog;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Tests.Portal.Api;

/// <summary>Hostile and malformed input to every endpoint: a 4xx problem, and nothing stored changes.</summary>
public sealed class BadInputTests(SharedPortal portal) : IClassFixture<SharedPortal>
{
    private static readonly string LongName = new('x', 81);

    public static TheoryData<string, string, string?, string?, int> Cases => new()
    {
        // method, path, content type, body, expected status
        { "POST", "/api/v1/api-keys", "application/json", "{ not json", 400 },
        { "POST", "/api/v1/api-keys", "application/json", "", 400 },
        { "POST", "/api/v1/api-keys", "application/json", "[]", 400 },
        { "POST", "/api/v1/api-keys", "application/json", "{\"name\": 42}", 400 },
        { "POST", "/api/v1/api-keys", "application/json", "{\"name\": \"x\", \"mode\": \"production\"}", 400 },
        { "POST", "/api/v1/api-keys", "application/json", "{\"name\": \"x\", \"mode\": 0}", 400 },
        { "POST", "/api/v1/api-keys", "application/json", "{\"name\": \"x\", \"scopes\": \"account.profile.read\"}", 400 },
        { "POST", "/api/v1/api-keys", "application/json", "{\"name\": \"x\", \"scopes\": [\"catalog.manage\"]}", 400 },
        { "POST", "/api/v1/api-keys", "application/json", "{\"name\": \"x\", \"scopes\": []}", 400 },
        { "POST", "/api/v1/api-keys", "application/json", "{\"name\": \"x\", \"expiresAt\": \"yesterday\"}", 400 },
        { "POST", "/api/v1/api-keys", "application/json", "{\"name\": \"x\", \"expiresAt\": \"2001-01-01T00:00:00Z\"}", 400 },
        { "POST", "/api/v1/api-keys", "application/json", "{\"name\": \"x\", \"expiresAt\": \"2099-01-01T00:00:00Z\"}", 400 },
        { "POST", "/api/v1/api-keys", "application/json", "{\"name\": \"" + LongName + "\"}", 400 },
        { "POST", "/api/v1/api-keys", "application/json", "{\"name\": \"   \"}", 400 },
        { "POST", "/api/v1/api-keys", "application/json", "{\"name\": \"x\", \"isAdmin\": true}", 400 },
        { "POST", "/api/v1/api-keys", "text/plain", "name=x", 415 },
        { "POST", "/api/v1/api-keys", "application/json", "{\"name\": \"" + new string('y', 2_000_000) + "\"}", 400 },
        { "GET", "/api/v1/api-keys/not-a-guid", null, null, 404 },
        { "GET", "/api/v1/api-keys/00000000-0000-0000-0000-000000000000", null, null, 404 },
        { "GET", "/api/v1/api-keys/0195f0e4-0000-7000-8000-000000000000", null, null, 404 },
        { "POST", "/api/v1/api-keys/0195f0e4-0000-7000-8000-000000000000/revoke", null, null, 404 },
        { "POST", "/api/v1/api-keys/not-a-guid/revoke", null, null, 404 },
        { "POST", "/api/v1/api-keys/0195f0e4-0000-7000-8000-000000000000/rotate", "application/json", "{}", 404 },
        { "POST", "/api/v1/api-keys/{own}/rotate", "application/json", "{\"graceHours\": 1000}", 400 },
        { "POST", "/api/v1/api-keys/{own}/rotate", "application/json", "{\"graceHours\": -1}", 400 },
        { "POST", "/api/v1/api-keys/{own}/rotate", "application/json", "{\"graceHours\": 1000000000}", 400 },
        { "POST", "/api/v1/api-keys/{own}/rotate", "application/json", "{\"graceHours\": -2147483648}", 400 },
        { "POST", "/api/v1/api-keys/{own}/rotate", "application/json", "{\"graceHours\": \"soon\"}", 400 },
        { "POST", "/api/v1/api-keys/{own}/rotate", "application/json", "{\"graceHours\": 99999999999}", 400 },
        { "DELETE", "/api/v1/api-keys", null, null, 405 },
        { "PUT", "/api/v1/me", "application/json", "{}", 405 },
        { "GET", "/api/v1/nothing-here", null, null, 404 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_gets_a_problem_and_changes_nothing(string method, string path, string? contentType, string? body, int status)
    {
        var account = await portal.Factory.CreateAccountAsync(TierCode.Pro);
        var own = await portal.Factory.IssueKeyAsync(account);
        var client = portal.Factory.ApiClient(own.Secret.Plaintext);
        var before = await SnapshotAsync();

        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{own}", own.Key.Id.ToString(), StringComparison.Ordinal));
        if (contentType is not null)
        {
            request.Content = new StringContent(body ?? "", Encoding.UTF8, contentType);
        }

        var response = await client.SendAsync(request);

        var problem = await ProblemAssert.IsProblemAsync(response, (HttpStatusCode)status);
        Assert.DoesNotContain("Exception", problem.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("ApexAgent.", problem.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Validation_problems_name_the_fields()
    {
        var account = await portal.Factory.CreateAccountAsync(TierCode.Pro);
        var client = portal.Factory.ApiClient((await portal.Factory.IssueKeyAsync(account)).Secret.Plaintext);

        var response = await client.PostAsync("/api/v1/api-keys", new StringContent("{\"name\": \"\", \"scopes\": []}", Encoding.UTF8, "application/json"));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("Name", out _));
        Assert.True(errors.TryGetProperty("Scopes", out _));
    }

    private async Task<string> SnapshotAsync() => await portal.Factory.WithDbAsync(async db =>
    {
        var keys = await db.ApiKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => new { k.Id, k.Name, k.RevokedAt, k.ExpiresAt, k.ReplacedById }).ToListAsync();
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Id).Select(u => new { u.Id, u.Profile.DisplayName, u.Profile.Country }).ToListAsync();
        return System.Text.Json.JsonSerializer.Serialize(new { keys, users });
    });
}
