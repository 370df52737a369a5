using System.Net.Http.Json;
using System.Text.Json;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Credits;
using ApexAgent.Domain.Usage;
using ApexAgent.Portal.Features.Credits;
using ApexAgent.Tests.TestSupport;

namespace ApexAgent.Tests.Portal.Credits;

/// <summary>Usage is priced by the rate card version in force when it occurred (own portal: it saves a new version).</summary>
public sealed class UsageRateCardTests(SharedPortal portal) : IClassFixture<SharedPortal>
{
    [Fact]
    public async Task Usage_is_priced_by_the_version_in_force_when_it_occurred()
    {
        var factory = portal.Factory;
        var account = await CreditsTestData.NewAccountWithoutCreditsAsync(factory, TierCode.Pro);
        await CreditsTestData.GiveAsync(factory, account.OrganizationId, GrantKind.Base, 100, TimeSpan.FromDays(30));
        var client = factory.ApiClient((await factory.IssueKeyAsync(account)).Secret.Plaintext);
        var changedAt = factory.Now.AddHours(-1);
        var version2 = new RateCard(2, changedAt, [.. DefaultRateCard.Rates.Select(r => r.Feature == "agent.step" ? r with { PerUnit = new Millicredits(2_500) } : r)]);
        await factory.WithDbAsync(db =>
        {
            db.RateCardVersions.Add(RateCards.ToRow(version2, null, factory.Now, "Steps cost more"));
            return db.SaveChangesAsync();
        });
        await factory.Get<RateCards>().ReloadAsync(CancellationToken.None);

        var before = await PostAsync(client, new { eventId = "old", feature = "agent.step", quantity = 2, occurredAt = changedAt.AddMinutes(-1) });
        var after = await PostAsync(client, new { eventId = "new", feature = "agent.step", quantity = 2, occurredAt = changedAt.AddMinutes(1) });
        var unsaid = await PostAsync(client, new { eventId = "now", feature = "agent.step", quantity = 2 });

        Assert.Equal((1, 2m), (before.GetProperty("rateCardVersion").GetInt32(), before.GetProperty("deducted").GetDecimal()));
        Assert.Equal((2, 5m), (after.GetProperty("rateCardVersion").GetInt32(), after.GetProperty("deducted").GetDecimal()));
        Assert.Equal((2, 5m, 88m), (unsaid.GetProperty("rateCardVersion").GetInt32(), unsaid.GetProperty("deducted").GetDecimal(), unsaid.GetProperty("balance").GetDecimal()));
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/usage", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement;
    }
}
