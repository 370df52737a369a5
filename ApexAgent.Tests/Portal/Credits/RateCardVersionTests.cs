using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Compliance;
using ApexAgent.Domain.Usage;
using ApexAgent.Portal.Features.Credits;
using ApexAgent.Portal.Features.Credits.Live;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Tests.Portal.Credits;

/// <summary>Rate card versions: only platform admins save them, only for now or later and after the latest, never changed, audited, read back in order.</summary>
public sealed class RateCardVersionTests(SharedPortal portal) : IClassFixture<SharedPortal>
{
    private PortalFactory Factory => portal.Factory;

    [Fact]
    public async Task The_default_card_is_in_force_and_readable_by_any_member_key()
    {
        var member = await Factory.CreateAccountAsync();
        var key = await Factory.IssueKeyAsync(member, [Permission.CreditsRead]);

        var response = await Factory.ApiClient(key.Secret.Plaintext).GetAsync("/api/v1/rate-card");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var card = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var rates = card.GetProperty("current").GetProperty("rates").EnumerateArray().ToDictionary(r => r.GetProperty("feature").GetString()!);
        Assert.Equal(1m, rates["agent.step"].GetProperty("creditsPerUnit").GetDecimal());
        Assert.Equal(0.5m, rates["llm.tokens.small"].GetProperty("creditsPerUnit").GetDecimal());
        Assert.Equal(1000, rates["llm.tokens.small"].GetProperty("unitSize").GetInt64());
    }

    [Fact]
    public async Task Bad_versions_are_refused_with_field_errors_and_nothing_is_stored()
    {
        var admin = await Factory.CreateAccountAsync(role: PlatformRole.PlatformAdmin);
        var editor = Factory.Get<RateCardEditor>();
        var now = Factory.Now;
        var good = Rates(("agent.step", 1, 1m), ("browser.minute", 1, 2m));
        var cases = new (NewRateCardVersion Version, string Field)[]
        {
            (new(now.AddMinutes(-5), null, good), "effectiveFrom"),
            (new(now.AddDays(1), null, []), "rates"),
            (new(now.AddDays(1), null, Rates(("agent.step", 1, 1m), ("agent.step", 1, 2m))), "rates"),
            (new(now.AddDays(1), null, Rates(("Agent Step", 1, 1m))), "rates"),
            (new(now.AddDays(1), null, Rates(("agent.step", 0, 1m))), "rates[0].unitSize"),
            (new(now.AddDays(1), null, Rates(("agent.step", 1, -1m))), "rates[0].creditsPerUnit"),
            (new(now.AddDays(1), null, Rates(("agent.step", 1, 0.0005m))), "rates[0].creditsPerUnit"),
            (new(now.AddDays(1), null, [new NewFeatureRate("agent.step", " ", 1, 1m)]), "rates[0].measure"),
            (new(now.AddDays(1), new string('x', 301), good), "note"),
        };
        var before = await CountAsync();

        foreach (var (version, field) in cases)
        {
            var saved = await editor.SaveAsync(admin.Actor, version, CancellationToken.None);
            Assert.False(saved.IsSuccess, $"{field} should be refused");
            Assert.Contains(field, saved.Error.Fields.Keys);
        }

        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Versions_only_move_forward_and_are_read_back_in_order_and_audited()
    {
        var admin = await Factory.CreateAccountAsync(role: PlatformRole.PlatformAdmin);
        var editor = Factory.Get<RateCardEditor>();
        var random = new Random(2016);
        var now = Factory.Now;
        var latest = (await Factory.Get<RateCards>().ReloadAsync(CancellationToken.None)).Versions[^1].EffectiveFrom;
        var accepted = 0;

        for (var i = 0; i < 12; i++)
        {
            var effective = (latest > now ? latest : now).AddHours(random.Next(-30, 70));
            var step = random.Next(1, 2000) / 1000m;
            var saved = await editor.SaveAsync(admin.Actor, new NewRateCardVersion(effective, $"case {i}", Rates(("agent.step", 1, step), ("image.generation", 1, 20m))), CancellationToken.None);
            var shouldSave = effective > now && effective > latest; // "now" itself has passed by the time the editor reads the clock
            Assert.True(saved.IsSuccess == shouldSave, $"{effective:O} after {latest:O}: {saved.Error?.Message}");
            if (saved.IsSuccess)
            {
                Assert.Equal(step, saved.Value.RateOf("agent.step")!.PerUnit.Credits);
                latest = effective;
                accepted++;
            }
            else
            {
                Assert.Contains("effectiveFrom", saved.Error.Fields.Keys);
            }
        }

        Assert.True(accepted >= 2, "The seed should save some versions");
        var key = await Factory.IssueKeyAsync(await Factory.CreateAccountAsync(), [Permission.CreditsRead]);
        var versions = JsonDocument.Parse(await Factory.ApiClient(key.Secret.Plaintext).GetStringAsync("/api/v1/rate-card/versions")).RootElement.EnumerateArray().ToList();
        var numbers = versions.Select(v => v.GetProperty("version").GetInt32()).ToList();
        Assert.Equal(Enumerable.Range(1, numbers.Count), numbers);
        var starts = versions.Select(v => v.GetProperty("effectiveFrom").GetDateTimeOffset()).ToList();
        Assert.Equal(starts.Order(), starts);
        var upcoming = JsonDocument.Parse(await Factory.ApiClient(key.Secret.Plaintext).GetStringAsync("/api/v1/rate-card")).RootElement.GetProperty("upcoming").GetArrayLength();
        Assert.Equal(starts.Count(s => s > Factory.Now), upcoming);
        var audited = await Factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.RateCardVersionCreated));
        Assert.Equal(numbers.Count, audited); // every saved version, the seeded default included
    }

    [Fact]
    public async Task Members_and_their_keys_cannot_save_a_version()
    {
        var owner = await Factory.CreateAccountAsync(TierCode.Pro);
        var before = await CountAsync();

        var saved = await Factory.Get<RateCardEditor>().SaveAsync(owner.Actor, new NewRateCardVersion(Factory.Now.AddDays(400), null, Rates(("agent.step", 1, 0m))), CancellationToken.None);
        Assert.Equal("forbidden", saved.Error?.Code);

        var key = await Factory.IssueKeyAsync(owner);
        var response = await Factory.ApiClient(key.Secret.Plaintext).PostAsJsonAsync("/api/v1/admin/rate-card/versions", new { rates = new[] { new { feature = "agent.step", measure = "step", unitSize = 1, creditsPerUnit = 0 } } });
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "insufficient_scope");
        Assert.Equal(before, await CountAsync());
    }

    private Task<int> CountAsync() => Factory.WithDbAsync(db => db.RateCardVersions.CountAsync());

    private static List<NewFeatureRate> Rates(params (string Feature, long Unit, decimal Credits)[] rates) =>
        [.. rates.Select(r => new NewFeatureRate(r.Feature, "unit", r.Unit, r.Credits))];
}
