using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Credits;
using ApexAgent.Portal.Features.Credits;
using ApexAgent.Portal.Features.Credits.Alerts;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Tests.Portal.Credits;

/// <summary>Low-balance alerts: once per crossing, re-armed by rising, per member, per organisation, through the balance feed.</summary>
public sealed class LowBalanceAlertTests(SharedPortal portal) : IClassFixture<SharedPortal>
{
    private PortalFactory Factory => portal.Factory;

    private LowBalanceCheck Check => Factory.Get<LowBalanceCheck>();

    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    [Fact]
    public async Task Falling_under_the_threshold_notifies_once_and_rising_again_re_arms_it()
    {
        var owner = await Factory.CreateAccountAsync(TierCode.Pro);
        var grant = await UsageSeed.GrantAsync(Factory, owner.OrganizationId, GrantKind.Purchased, 50_000_000, Now.AddMinutes(-1), Now.AddDays(300));
        var start = await AvailableAsync(owner.OrganizationId);
        Assert.True((await Factory.Get<LowBalanceAlerts>().SetAsync(owner.Actor, (start - 1_000_000) / 1000m, CancellationToken.None)).IsSuccess);
        Assert.Equal(0, await NoticesAsync(owner));

        await UsageSeed.UseAsync(Factory, grant.Id, 1_500_000, Now); // under by 500
        Assert.Equal(1, await Check.CheckAsync(owner.OrganizationId, CancellationToken.None));
        Assert.Equal(0, await Check.CheckAsync(owner.OrganizationId, CancellationToken.None));
        await UsageSeed.UseAsync(Factory, grant.Id, 1_000_000, Now); // further under: still the same crossing
        Assert.Equal(0, await Check.CheckAsync(owner.OrganizationId, CancellationToken.None));
        Assert.Equal(1, await NoticesAsync(owner));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.EmailOutbox.CountAsync(m => m.To == owner.Email && m.Subject.StartsWith("Credits under"))));

        await UsageSeed.UseAsync(Factory, grant.Id, -5_000_000, Now); // back above (a refund)
        Assert.Equal(0, await Check.CheckAsync(owner.OrganizationId, CancellationToken.None));
        Assert.False(await IsBelowAsync(owner));
        await UsageSeed.UseAsync(Factory, grant.Id, 5_000_000, Now);
        Assert.Equal(1, await Check.CheckAsync(owner.OrganizationId, CancellationToken.None));
        Assert.Equal(2, await NoticesAsync(owner));
    }

    [Fact]
    public async Task Concurrent_checks_notify_a_crossing_only_once()
    {
        var owner = await Factory.CreateAccountAsync(TierCode.Pro);
        var grant = await UsageSeed.GrantAsync(Factory, owner.OrganizationId, GrantKind.Purchased, 50_000_000, Now.AddMinutes(-1), Now.AddDays(300));
        var start = await AvailableAsync(owner.OrganizationId);
        await Factory.Get<LowBalanceAlerts>().SetAsync(owner.Actor, (start - 1_000_000) / 1000m, CancellationToken.None);
        await UsageSeed.UseAsync(Factory, grant.Id, 2_000_000, Now);

        var notified = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Check.CheckAsync(owner.OrganizationId, CancellationToken.None))));

        Assert.Equal(1, notified.Sum());
        Assert.Equal(1, await NoticesAsync(owner));
    }

    [Fact]
    public async Task Each_member_is_told_at_their_own_threshold_and_other_organisations_are_untouched()
    {
        var scenario = await OrganizationScenario.CreateAsync(Factory, "Umbrella");
        var other = await Factory.CreateAccountAsync(TierCode.Pro);
        var grant = await UsageSeed.GrantAsync(Factory, scenario.OrganizationId, GrantKind.Purchased, 100_000_000, Now.AddMinutes(-1), Now.AddDays(300));
        await UsageSeed.GrantAsync(Factory, other.OrganizationId, GrantKind.Purchased, 1_000, Now.AddMinutes(-1), Now.AddDays(300));
        var start = await AvailableAsync(scenario.OrganizationId);
        var alerts = Factory.Get<LowBalanceAlerts>();
        await alerts.SetAsync(scenario.SalesMember.Actor, (start - 10_000_000) / 1000m, CancellationToken.None);
        await alerts.SetAsync(scenario.Admin.Actor, (start - 30_000_000) / 1000m, CancellationToken.None);
        await alerts.SetAsync(other.Actor, 1_000_000m, CancellationToken.None); // far above its balance: told at once
        Assert.Equal(1, await NoticesAsync(other));

        await UsageSeed.UseAsync(Factory, grant.Id, 20_000_000, Now);
        Assert.Equal(1, await Check.CheckAsync(scenario.OrganizationId, CancellationToken.None));
        Assert.Equal((1, 0), (await NoticesAsync(scenario.SalesMember), await NoticesAsync(scenario.Admin)));

        await UsageSeed.UseAsync(Factory, grant.Id, 20_000_000, Now);
        Assert.Equal(1, await Check.CheckAsync(scenario.OrganizationId, CancellationToken.None));
        Assert.Equal((1, 1), (await NoticesAsync(scenario.SalesMember), await NoticesAsync(scenario.Admin)));
        Assert.Equal(0, await NoticesAsync(scenario.Owner));
        Assert.Equal(1, await NoticesAsync(other));
    }

    [Fact]
    public async Task A_published_balance_change_reaches_the_listener()
    {
        var owner = await Factory.CreateAccountAsync(TierCode.Pro);
        var grant = await UsageSeed.GrantAsync(Factory, owner.OrganizationId, GrantKind.Purchased, 50_000_000, Now.AddMinutes(-1), Now.AddDays(300));
        var start = await AvailableAsync(owner.OrganizationId);
        await Factory.Get<LowBalanceAlerts>().SetAsync(owner.Actor, (start - 1_000_000) / 1000m, CancellationToken.None);

        await UsageSeed.UseAsync(Factory, grant.Id, 2_000_000, Now);
        Factory.Get<CreditFeed>().Publish(owner.OrganizationId, new Millicredits(start - 2_000_000), Now, "usage");

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await NoticesAsync(owner) == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(1, await NoticesAsync(owner));
        Assert.True(await IsBelowAsync(owner));
    }

    [Fact]
    public async Task The_alert_api_reads_and_sets_the_callers_own_threshold_and_refuses_bad_ones()
    {
        var owner = await Factory.CreateAccountAsync(TierCode.Pro);
        var client = Factory.ApiClient((await Factory.IssueKeyAsync(owner, [Permission.CreditsRead])).Secret.Plaintext);

        var none = await client.GetFromJsonAsync<JsonElement>("/api/v1/credits/alerts/me");
        Assert.Equal(JsonValueKind.Null, none.GetProperty("threshold").ValueKind);

        var set = await client.PutAsync("/api/v1/credits/alerts/me", Json("{\"threshold\": 1.5}"));
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        foreach (var bad in new[] { "{\"threshold\": 0}", "{\"threshold\": -5}", "{\"threshold\": 1.0005}", "{\"threshold\": 20000000}" })
        {
            await ProblemAssert.IsProblemAsync(await client.PutAsync("/api/v1/credits/alerts/me", Json(bad)), HttpStatusCode.BadRequest, "validation_failed");
        }

        var read = await client.GetFromJsonAsync<JsonElement>("/api/v1/credits/alerts/me");
        Assert.Equal(1.5m, read.GetProperty("threshold").GetDecimal());
        Assert.Equal(1_500, await Factory.WithDbAsync(db => db.LowBalanceAlerts.Where(a => a.UserId == owner.UserId).Select(a => a.Threshold).SingleAsync()));

        Assert.Equal(HttpStatusCode.OK, (await client.PutAsync("/api/v1/credits/alerts/me", Json("{\"threshold\": null}"))).StatusCode);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.LowBalanceAlerts.CountAsync(a => a.UserId == owner.UserId)));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private async Task<long> AvailableAsync(Guid org) => (await Factory.Get<CreditBalances>().GetAsync(org, CancellationToken.None)).Available.Value;

    private Task<int> NoticesAsync(TestAccount account) =>
        Factory.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == account.UserId && n.OrganizationId == account.OrganizationId && n.Kind == "credits.low_balance"));

    private Task<bool> IsBelowAsync(TestAccount account) =>
        Factory.WithDbAsync(db => db.LowBalanceAlerts.Where(a => a.UserId == account.UserId && a.OrganizationId == account.OrganizationId).Select(a => a.IsBelow).SingleAsync());
}
