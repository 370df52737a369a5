using System.Net;
using ApexAgent.Domain.Catalog;
using ApexAgent.Tests.TestSupport;

namespace ApexAgent.Tests.Portal.Api;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Each_key_has_its_own_bucket_and_a_refusal_says_when_to_retry()
    {
        await using var factory = new PortalFactory(settings: new Dictionary<string, string?>
        {
            ["Api:RateLimit:RequestsPerSecond"] = "1",
            ["Api:RateLimit:Burst"] = "3",
        });
        var account = await factory.CreateAccountAsync(TierCode.Pro);
        var busy = factory.ApiClient((await factory.IssueKeyAsync(account)).Secret.Plaintext);
        var calm = factory.ApiClient((await factory.IssueKeyAsync(account)).Secret.Plaintext);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await busy.GetAsync("/api/v1/me")).StatusCode);
        }

        var refused = await busy.GetAsync("/api/v1/me");
        var other = await calm.GetAsync("/api/v1/me");

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task A_nonsensical_limit_stops_the_app_from_starting()
    {
        await using var factory = new PortalFactory(settings: new Dictionary<string, string?> { ["Api:RateLimit:RequestsPerSecond"] = "0" });

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains("RequestsPerSecond", error.ToString(), StringComparison.Ordinal);
    }
}
