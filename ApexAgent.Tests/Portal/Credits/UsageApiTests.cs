using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Credits;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Tests.Portal.Credits;

/// <summary>POST /api/v1/usage and /usage/batch through the real API, writer and database.</summary>
public sealed class UsageApiTests(SharedPortal portal) : IClassFixture<SharedPortal>
{
    private static readonly TimeSpan Month = TimeSpan.FromDays(30);

    private PortalFactory Factory => portal.Factory;

    [Fact]
    public async Task One_event_is_priced_deducted_and_rolled_up()
    {
        var (account, client) = await CustomerAsync();
        var grant = await CreditsTestData.GiveAsync(Factory, account.OrganizationId, GrantKind.Base, 100, Month);

        var response = await client.PostAsJsonAsync("/api/v1/usage", new { eventId = "evt-1", feature = "llm.tokens.standard", quantity = 1500, metadata = new { task = "t-1" } });
        var body = await OkAsync(response);

        Assert.Equal("evt-1", body.GetProperty("eventId").GetString());
        Assert.Equal(3m, body.GetProperty("deducted").GetDecimal()); // 1,500 tokens at 2 credits per 1,000
        Assert.Equal(97m, body.GetProperty("balance").GetDecimal());
        Assert.False(body.GetProperty("duplicate").GetBoolean());
        Assert.Equal(1, body.GetProperty("rateCardVersion").GetInt32());
        var part = Assert.Single(body.GetProperty("parts").EnumerateArray());
        Assert.Equal(grant, part.GetProperty("grantId").GetGuid());
        Assert.Equal("base", part.GetProperty("kind").GetString());
        Assert.Equal(3m, part.GetProperty("credits").GetDecimal());

        Assert.Equal(97_000, await CreditsTestData.RemainingAsync(Factory, grant));
        await Factory.WithDbAsync(async db =>
        {
            var usage = await db.UsageEvents.SingleAsync(u => u.OrganizationId == account.OrganizationId);
            Assert.Equal((3_000, 97_000, 1_500_000L, account.UserId), (usage.Deducted, usage.BalanceAfter, usage.QuantityThousandths, usage.UserId));
            Assert.Equal("{\"task\":\"t-1\"}", usage.Metadata);
            var entry = await db.CreditEntries.SingleAsync(e => e.UsageEventId == usage.Id);
            Assert.Equal((LedgerEntryKind.Used, -3_000L, grant, GrantKind.Base, "llm.tokens.standard"), (entry.Kind, entry.Change, entry.GrantId!.Value, entry.GrantKind!.Value, entry.Note));
            var day = await db.UsageDays.SingleAsync(d => d.OrganizationId == account.OrganizationId);
            Assert.Equal((1L, 1_500_000L, 3_000L, account.UserId), (day.Events, day.QuantityThousandths, day.Used, day.UserId));
            Assert.Equal(3_000, (await db.UsageHours.SingleAsync(h => h.OrganizationId == account.OrganizationId)).Used);
            var burn = await db.CreditBurnDays.SingleAsync(b => b.OrganizationId == account.OrganizationId);
            Assert.Equal((GrantKind.Base, 3_000L), (burn.Kind, burn.Used));
            return 0;
        });
        await CreditsTestData.AssertBooksBalanceAsync(Factory, account.OrganizationId);
    }

    [Fact]
    public async Task Usage_burns_soonest_expiry_first_then_by_kind_and_names_each_grant()
    {
        var (account, client) = await CustomerAsync();
        var now = Factory.Now;
        var periodEnd = now + Month; // base and purchased expire together: base burns first
        Task<Guid> Give(GrantKind kind, long credits, DateTimeOffset expiresAt) =>
            Factory.WithDbAsync(db => CreditsTestData.GiveAsync(db, account.OrganizationId, kind, ApexAgent.Domain.Common.Millicredits.FromCredits(credits), now.AddMinutes(-5), expiresAt, now));
        var promotional = await Give(GrantKind.Promotional, 10, now + TimeSpan.FromDays(90));
        var purchased = await Give(GrantKind.Purchased, 4, periodEnd);
        var baseGrant = await Give(GrantKind.Base, 5, periodEnd);
        var daily = await Give(GrantKind.DailyRefresh, 2, now + TimeSpan.FromHours(5));

        var body = await OkAsync(await client.PostAsJsonAsync("/api/v1/usage", new { eventId = "spans", feature = "agent.step", quantity = 13 }));

        var parts = body.GetProperty("parts").EnumerateArray().Select(p => (p.GetProperty("grantId").GetGuid(), p.GetProperty("kind").GetString(), p.GetProperty("credits").GetDecimal())).ToList();
        Assert.Equal([(daily, "daily_refresh", 2m), (baseGrant, "base", 5m), (purchased, "purchased", 4m), (promotional, "promotional", 2m)], parts);
        Assert.Equal(8m, body.GetProperty("balance").GetDecimal());
        Assert.Equal(8_000, await CreditsTestData.RemainingAsync(Factory, promotional));
        Assert.Equal(0, await CreditsTestData.RemainingAsync(Factory, baseGrant));
        await CreditsTestData.AssertBooksBalanceAsync(Factory, account.OrganizationId);
    }

    [Fact]
    public async Task Usage_the_balance_cannot_cover_is_refused_with_402_and_writes_nothing()
    {
        var (account, client) = await CustomerAsync();
        await CreditsTestData.GiveAsync(Factory, account.OrganizationId, GrantKind.Base, 5, Month);
        var before = await CreditsTestData.LedgerAsync(Factory, account.OrganizationId);

        var problem = await ProblemAssert.IsProblemAsync(
            await client.PostAsJsonAsync("/api/v1/usage", new { eventId = "too-big", feature = "image.generation", quantity = 1 }), HttpStatusCode.PaymentRequired, "insufficient_credits");

        Assert.Equal(5m, problem.GetProperty("balance").GetDecimal());
        Assert.Equal(20m, problem.GetProperty("required").GetDecimal());
        Assert.Equal(before, await CreditsTestData.LedgerAsync(Factory, account.OrganizationId));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.UsageDays.CountAsync(d => d.OrganizationId == account.OrganizationId)));

        // Refused usage is not recorded: once covered, the same event id is accepted.
        await CreditsTestData.GiveAsync(Factory, account.OrganizationId, GrantKind.Purchased, 20, Month);
        var accepted = await OkAsync(await client.PostAsJsonAsync("/api/v1/usage", new { eventId = "too-big", feature = "image.generation", quantity = 1 }));
        Assert.Equal((20m, 5m, false), (accepted.GetProperty("deducted").GetDecimal(), accepted.GetProperty("balance").GetDecimal(), accepted.GetProperty("duplicate").GetBoolean()));
    }

    [Fact]
    public async Task A_repeated_event_answers_the_first_answer_and_deducts_nothing()
    {
        var (account, client) = await CustomerAsync();
        var grant = await CreditsTestData.GiveAsync(Factory, account.OrganizationId, GrantKind.Base, 50, Month);
        var first = await OkAsync(await client.PostAsJsonAsync("/api/v1/usage", new { eventId = "once", feature = "browser.minute", quantity = 2.5 }));
        await OkAsync(await client.PostAsJsonAsync("/api/v1/usage", new { eventId = "other", feature = "agent.step", quantity = 1 }));

        var again = await OkAsync(await client.PostAsJsonAsync("/api/v1/usage", new { eventId = "once", feature = "browser.minute", quantity = 2.5 }));

        Assert.True(again.GetProperty("duplicate").GetBoolean());
        Assert.Equal(first.GetProperty("deducted").GetDecimal(), again.GetProperty("deducted").GetDecimal());
        Assert.Equal(45m, again.GetProperty("balance").GetDecimal()); // the first answer, not today's 44
        Assert.Equal(first.GetProperty("parts").GetRawText(), again.GetProperty("parts").GetRawText());
        Assert.Equal(44_000, await CreditsTestData.RemainingAsync(Factory, grant));
        Assert.Equal(2, await Factory.WithDbAsync(db => db.UsageEvents.CountAsync(u => u.OrganizationId == account.OrganizationId)));
    }

    [Fact]
    public async Task A_batch_records_each_event_on_its_own()
    {
        var (account, client) = await CustomerAsync();
        var grant = await CreditsTestData.GiveAsync(Factory, account.OrganizationId, GrantKind.Base, 10, Month);
        var events = new object[]
        {
            new { eventId = "b-1", feature = "agent.step", quantity = 3 },
            new { eventId = "b-1", feature = "agent.step", quantity = 3 },
            new { eventId = "b-2", feature = "teleport.minute", quantity = 1 },
            new { eventId = "b-3", feature = "image.generation", quantity = 1 },
            new { eventId = "b-4", feature = "sandbox.minute", quantity = 2 },
        };

        var body = await OkAsync(await client.PostAsJsonAsync("/api/v1/usage/batch", new { events }));

        Assert.Equal((2, 1, 2), (body.GetProperty("accepted").GetInt32(), body.GetProperty("duplicates").GetInt32(), body.GetProperty("refused").GetInt32()));
        Assert.Equal((5m, 5m), (body.GetProperty("deducted").GetDecimal(), body.GetProperty("balance").GetDecimal()));
        var results = body.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["accepted", "duplicate", "invalid", "refused", "accepted"], results.Select(r => r.GetProperty("status").GetString()));
        Assert.True(results[1].GetProperty("duplicate").GetBoolean());
        Assert.Equal(7m, results[1].GetProperty("balance").GetDecimal());
        Assert.Equal("unknown_feature", results[2].GetProperty("code").GetString());
        Assert.Contains("agent.step", results[2].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(("insufficient_credits", 20m), (results[3].GetProperty("code").GetString(), results[3].GetProperty("required").GetDecimal()));
        Assert.Equal(grant, results[4].GetProperty("parts")[0].GetProperty("grantId").GetGuid());
        Assert.Equal(5_000, await CreditsTestData.RemainingAsync(Factory, grant));
        Assert.Equal(2, await Factory.WithDbAsync(db => db.UsageEvents.CountAsync(u => u.OrganizationId == account.OrganizationId)));
        await CreditsTestData.AssertBooksBalanceAsync(Factory, account.OrganizationId);
    }

    [Fact]
    public async Task A_batch_must_carry_one_to_a_thousand_events()
    {
        var (account, client) = await CustomerAsync();
        await CreditsTestData.GiveAsync(Factory, account.OrganizationId, GrantKind.Base, 10_000, Month);
        var tooMany = Enumerable.Range(0, 1_001).Select(i => new { eventId = $"many-{i}", feature = "agent.step", quantity = 1 }).ToList();

        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/v1/usage/batch", new { events = tooMany }), HttpStatusCode.BadRequest, "batch_too_large");
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/v1/usage/batch", new { events = Array.Empty<object>() }), HttpStatusCode.BadRequest, "empty_batch");
        Assert.Equal(0, await Factory.WithDbAsync(db => db.UsageEvents.CountAsync(u => u.OrganizationId == account.OrganizationId)));

        var full = await OkAsync(await client.PostAsJsonAsync("/api/v1/usage/batch", new { events = tooMany.Take(1_000) }));
        Assert.Equal(1_000, full.GetProperty("accepted").GetInt32());
        Assert.Equal(9_000m, full.GetProperty("balance").GetDecimal());
        await CreditsTestData.AssertBooksBalanceAsync(Factory, account.OrganizationId);
    }

    [Fact]
    public async Task An_overdraft_allowance_lets_usage_go_below_zero_but_no_further()
    {
        var (account, client) = await CustomerAsync();
        var grant = await CreditsTestData.GiveAsync(Factory, account.OrganizationId, GrantKind.Base, 2, Month);
        await CreditsTestData.SetOverdraftAsync(Factory, account.OrganizationId, 5);

        var body = await OkAsync(await client.PostAsJsonAsync("/api/v1/usage", new { eventId = "od-1", feature = "agent.step", quantity = 6 }));
        Assert.Equal(-4m, body.GetProperty("balance").GetDecimal());
        var parts = body.GetProperty("parts").EnumerateArray().ToList();
        Assert.Equal(2, parts.Count);
        Assert.Equal(grant, parts[0].GetProperty("grantId").GetGuid());
        Assert.Equal(JsonValueKind.Null, parts[1].GetProperty("grantId").ValueKind);
        Assert.Equal(4m, parts[1].GetProperty("credits").GetDecimal());

        var problem = await ProblemAssert.IsProblemAsync(
            await client.PostAsJsonAsync("/api/v1/usage", new { eventId = "od-2", feature = "agent.step", quantity = 2 }), HttpStatusCode.PaymentRequired, "insufficient_credits");
        Assert.Equal(-4m, problem.GetProperty("balance").GetDecimal());
        await OkAsync(await client.PostAsJsonAsync("/api/v1/usage", new { eventId = "od-3", feature = "agent.step", quantity = 1 }));
        Assert.Equal(5_000, await Factory.WithDbAsync(db => db.CreditPools.Where(p => p.OrganizationId == account.OrganizationId).Select(p => p.Overdrawn).SingleAsync()));
        await CreditsTestData.AssertBooksBalanceAsync(Factory, account.OrganizationId);
    }

    public static TheoryData<string, string> BadEvents => new()
    {
        { """{ "feature": "agent.step", "quantity": 1 }""", "invalid_event_id" },
        { $$"""{ "eventId": "{{new string('x', 129)}}", "feature": "agent.step", "quantity": 1 }""", "invalid_event_id" },
        { """{ "eventId": "tab\there", "feature": "agent.step", "quantity": 1 }""", "invalid_event_id" },
        { """{ "eventId": "é", "feature": "agent.step", "quantity": 1 }""", "invalid_event_id" },
        { """{ "eventId": "x", "feature": "agent.leap", "quantity": 1 }""", "unknown_feature" },
        { """{ "eventId": "x", "quantity": 1 }""", "unknown_feature" },
        { """{ "eventId": "x", "feature": "agent.step" }""", "invalid_quantity" },
        { """{ "eventId": "x", "feature": "agent.step", "quantity": 0 }""", "invalid_quantity" },
        { """{ "eventId": "x", "feature": "agent.step", "quantity": -2 }""", "invalid_quantity" },
        { """{ "eventId": "x", "feature": "agent.step", "quantity": 1000000001 }""", "invalid_quantity" },
        { """{ "eventId": "x", "feature": "agent.step", "quantity": 1.0005 }""", "invalid_quantity" },
        { """{ "eventId": "x", "feature": "agent.step", "quantity": 1, "metadata": [1, 2] }""", "invalid_metadata" },
        { """{ "eventId": "x", "feature": "agent.step", "quantity": 1, "metadata": "text" }""", "invalid_metadata" },
        { $$"""{ "eventId": "x", "feature": "agent.step", "quantity": 1, "metadata": { "blob": "{{new string('a', 4100)}}" } }""", "invalid_metadata" },
        { """{ "eventId": "x", "feature": "agent.step", "quantity": 1, "occurredAt": "2099-01-01T00:00:00Z" }""", "invalid_occurred_at" },
        { """{ "eventId": "x", "feature": "agent.step", "quantity": 1, "occurredAt": "2020-01-01T00:00:00Z" }""", "invalid_occurred_at" },
        { """{ "eventId": "x", "feature": "agent.step", "quantity": 1, "userId": "somebody-else" }""", "unknown_user" },
        { """{ "eventId": "x", "feature": "agent.step", "quantity": 1, "colour": "red" }""", "malformed_json" },
        { """{ "eventId": "x", "feature": "agent.step", "quantity": "lots" }""", "malformed_json" },
    };

    [Theory]
    [MemberData(nameof(BadEvents))]
    public async Task Bad_input_is_refused_with_a_code_and_stores_nothing(string json, string code)
    {
        var (account, client) = await CustomerAsync();
        await CreditsTestData.GiveAsync(Factory, account.OrganizationId, GrantKind.Base, 100, Month);
        var before = await CreditsTestData.LedgerAsync(Factory, account.OrganizationId);

        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        await ProblemAssert.IsProblemAsync(await client.PostAsync("/api/v1/usage", content), HttpStatusCode.BadRequest, code);

        Assert.Equal(before, await CreditsTestData.LedgerAsync(Factory, account.OrganizationId));
    }

    [Fact]
    public async Task Only_a_key_with_usage_write_records_usage_and_only_for_members_of_its_organisation()
    {
        var (account, client) = await CustomerAsync();
        await CreditsTestData.GiveAsync(Factory, account.OrganizationId, GrantKind.Base, 100, Month);
        var other = await CreditsTestData.NewAccountWithoutCreditsAsync(Factory, TierCode.Pro);
        var payload = new { eventId = "auth-1", feature = "agent.step", quantity = 1 };

        await ProblemAssert.IsProblemAsync(await Factory.ApiClient().PostAsJsonAsync("/api/v1/usage", payload), HttpStatusCode.Unauthorized);
        var readOnly = await Factory.IssueKeyAsync(account, [Permission.CreditsRead]);
        await ProblemAssert.IsProblemAsync(await Factory.ApiClient(readOnly.Secret.Plaintext).PostAsJsonAsync("/api/v1/usage", payload), HttpStatusCode.Forbidden, "insufficient_scope");
        await ProblemAssert.IsProblemAsync(await Factory.ApiClient(readOnly.Secret.Plaintext).PostAsJsonAsync("/api/v1/usage/batch", new { events = new[] { payload } }), HttpStatusCode.Forbidden, "insufficient_scope");
        await ProblemAssert.IsProblemAsync(
            await client.PostAsJsonAsync("/api/v1/usage", new { eventId = "auth-2", feature = "agent.step", quantity = 1, userId = other.UserId }), HttpStatusCode.BadRequest, "unknown_user");
        Assert.Equal(0, await Factory.WithDbAsync(db => db.UsageEvents.CountAsync(u => u.OrganizationId == account.OrganizationId || u.OrganizationId == other.OrganizationId)));

        // Naming oneself explicitly is the same as the default.
        await OkAsync(await client.PostAsJsonAsync("/api/v1/usage", new { eventId = "auth-3", feature = "agent.step", quantity = 1, userId = account.UserId }));

        // The other organisation's usage is its own: the same event id there is a new event, refused for want of credits.
        var otherKey = await Factory.IssueKeyAsync(other);
        await ProblemAssert.IsProblemAsync(await Factory.ApiClient(otherKey.Secret.Plaintext).PostAsJsonAsync("/api/v1/usage", new { eventId = "auth-3", feature = "agent.step", quantity = 1 }), HttpStatusCode.PaymentRequired, "insufficient_credits");
    }

    private async Task<(TestAccount Account, HttpClient Client)> CustomerAsync()
    {
        var account = await CreditsTestData.NewAccountWithoutCreditsAsync(Factory, TierCode.Pro);
        var key = await Factory.IssueKeyAsync(account);
        return (account, Factory.ApiClient(key.Secret.Plaintext));
    }

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }
}
