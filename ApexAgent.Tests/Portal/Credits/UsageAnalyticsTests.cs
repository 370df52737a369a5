using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Credits;
using ApexAgent.Portal.Features.Credits.Analytics;
using ApexAgent.Tests.TestSupport;

namespace ApexAgent.Tests.Portal.Credits;

/// <summary>The usage dashboard's figures, the summary API, the utilisation report and the forecast, over roll-ups written by hand.</summary>
public sealed class UsageAnalyticsTests(SharedPortal portal) : IClassFixture<SharedPortal>
{
    private PortalFactory Factory => portal.Factory;

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task The_report_sums_the_roll_ups_by_day_feature_and_person_and_compares_with_the_previous_period()
    {
        var owner = await Factory.CreateAccountAsync(TierCode.Pro);
        var other = await Factory.CreateAccountAsync(TierCode.Pro);
        var random = new Random(7);
        var rows = new List<(DateOnly, string, string, long)>();
        for (var i = 0; i < 60; i++)
        {
            rows.Add((Today.AddDays(-random.Next(0, 14)), random.Next(2) == 0 ? "agent.step" : "llm.tokens.standard", random.Next(3) == 0 ? "" : owner.UserId, random.Next(1, 50_000)));
        }

        // Rows of the unique key may repeat: merge them as the writer would.
        var merged = rows.GroupBy(r => (r.Item1, r.Item2, r.Item3)).Select(g => (g.Key.Item1, g.Key.Item2, g.Key.Item3, g.Sum(x => x.Item4))).ToList();
        await UsageSeed.DaysAsync(Factory, owner.OrganizationId, merged);
        await UsageSeed.DaysAsync(Factory, owner.OrganizationId, [(Today.AddDays(-20), "agent.step", owner.UserId, 5_000)]);
        await UsageSeed.DaysAsync(Factory, other.OrganizationId, [(Today, "agent.step", other.UserId, 999_000)]);

        var report = (await Factory.Get<UsageAnalytics>().ReportAsync(owner.Actor, UsagePeriod.Last(14, Today), CancellationToken.None)).Value;

        Assert.Equal(merged.Sum(r => r.Item4), report.Used);
        Assert.Equal(5_000, report.PreviousUsed);
        Assert.Equal(merged.GroupBy(r => r.Item2).OrderByDescending(g => g.Sum(x => x.Item4)).First().Key, report.TopFeature);
        Assert.Equal(merged.Where(r => r.Item3 == owner.UserId).Sum(r => r.Item4), report.ByUser.Single(u => u.UserId == owner.UserId).Used);
        Assert.Equal(merged.Where(r => r.Item3 == owner.UserId).Select(r => r.Item1).Distinct().Count(), report.ByUser.Single(u => u.UserId == owner.UserId).ActiveDays);
        Assert.False(report.OwnUsageOnly);
        Assert.True(report.HasAnyUsage);
        foreach (var day in merged.GroupBy(r => (r.Item1, r.Item2)))
        {
            Assert.Equal(day.Sum(x => x.Item4), report.ByDay.Single(d => d.Day == day.Key.Item1 && d.Feature == day.Key.Item2).Used);
        }
    }

    [Fact]
    public async Task A_member_sees_the_pool_totals_but_only_their_own_usage_and_the_api_refuses_them_other_people()
    {
        var scenario = await OrganizationScenario.CreateAsync(Factory, "Initech");
        var member = scenario.SalesMember;
        await UsageSeed.DaysAsync(Factory, scenario.OrganizationId,
            [(Today, "agent.step", member.UserId, 3_000), (Today, "agent.step", scenario.Admin.UserId, 7_000), (Today.AddDays(-1), "browser.minute", scenario.Owner.UserId, 2_000)]);

        var mine = (await Factory.Get<UsageAnalytics>().ReportAsync(member.Actor, UsagePeriod.Last(7, Today), CancellationToken.None)).Value;
        Assert.True(mine.OwnUsageOnly);
        Assert.Equal(12_000, mine.Used);
        Assert.Equal(member.UserId, Assert.Single(mine.ByUser).UserId);

        var memberClient = Factory.ApiClient((await Factory.IssueKeyAsync(member, [Permission.CreditsRead])).Secret.Plaintext);
        await ProblemAssert.IsProblemAsync(await memberClient.GetAsync("/api/v1/usage/summary?groupBy=user"), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(await memberClient.GetAsync($"/api/v1/usage/summary?userId={scenario.Admin.UserId}"), HttpStatusCode.Forbidden, "forbidden");
        var own = await memberClient.GetFromJsonAsync<JsonElement>("/api/v1/usage/summary?groupBy=user&userId=me");
        Assert.Equal(3m, own.GetProperty("used").GetDecimal());
        await ProblemAssert.IsProblemAsync(await memberClient.GetAsync("/api/v1/usage/utilisation.csv"), HttpStatusCode.Forbidden, "insufficient_scope");

        var adminClient = Factory.ApiClient((await Factory.IssueKeyAsync(scenario.Admin, [Permission.CreditsRead, Permission.CreditsAnalyticsRead])).Secret.Plaintext);
        var byUser = await adminClient.GetFromJsonAsync<JsonElement>("/api/v1/usage/summary?groupBy=user");
        Assert.Equal(3, byUser.GetProperty("rows").GetArrayLength());
        Assert.Equal(scenario.Admin.UserId, byUser.GetProperty("rows")[0].GetProperty("key").GetString());
        var byFeature = await adminClient.GetFromJsonAsync<JsonElement>("/api/v1/usage/summary?groupBy=feature");
        Assert.Equal(10m, byFeature.GetProperty("rows")[0].GetProperty("used").GetDecimal());

        var csv = await adminClient.GetStringAsync($"/api/v1/usage/utilisation.csv?from={Today.AddDays(-6):yyyy-MM-dd}&to={Today:yyyy-MM-dd}");
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("user_id,name,email,department_or_team", lines[0], StringComparison.Ordinal);
        Assert.Equal(6, lines.Length - 1); // every member of the scenario (owner, admin, manager, three members), with or without usage
        Assert.Contains(lines, l => l.StartsWith(scenario.Admin.UserId, StringComparison.Ordinal) && l.Contains(",7.000,58.33,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith(member.UserId, StringComparison.Ordinal) && l.Contains(",Sales,", StringComparison.Ordinal));

        var utilisation = (await Factory.Get<CreditUtilisation>().BuildAsync(scenario.Admin.Actor, UsagePeriod.Last(7, Today), CancellationToken.None)).Value;
        Assert.Equal(3_000, utilisation.Units.Single(u => u.Name == "Sales").Used);
        Assert.False((await Factory.Get<CreditUtilisation>().BuildAsync(member.Actor, UsagePeriod.Last(7, Today), CancellationToken.None)).IsSuccess);
    }

    [Theory]
    [InlineData("groupBy=month")]
    [InlineData("from=2026-11-20&to=2026-11-10")]
    [InlineData("from=2024-01-01&to=2026-01-01")]
    [InlineData("to=9999-12-31")]
    [InlineData("from=0001-01-01&to=0001-01-02")]
    [InlineData("from=1999-12-31&to=2000-01-02")]
    public async Task Bad_summary_queries_are_refused_with_a_code(string query)
    {
        var owner = await Factory.CreateAccountAsync(TierCode.Pro);
        var client = Factory.ApiClient((await Factory.IssueKeyAsync(owner, [Permission.CreditsRead])).Secret.Plaintext);

        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/usage/summary?" + query), HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task Granted_used_and_expired_per_kind_come_from_the_grants_and_the_burn_roll_up()
    {
        var owner = await Factory.CreateAccountAsync(TierCode.Pro);
        var now = DateTimeOffset.UtcNow;
        await UsageSeed.GrantAsync(Factory, owner.OrganizationId, GrantKind.Purchased, 1_000_000, now.AddDays(-3), now.AddDays(300));
        await UsageSeed.GrantAsync(Factory, owner.OrganizationId, GrantKind.Promotional, 200_000, now.AddDays(-40), now.AddDays(-2), remaining: 0, expired: 150_000);
        await Factory.WithDbAsync(db =>
        {
            db.CreditBurnDays.Add(new ApexAgent.Portal.Features.Credits.CreditBurnDay { OrganizationId = owner.OrganizationId, Day = Today.AddDays(-1), Kind = GrantKind.Purchased, Used = 42_000 });
            return db.SaveChangesAsync();
        });

        var report = (await Factory.Get<UsageAnalytics>().ReportAsync(owner.Actor, UsagePeriod.Last(7, Today), CancellationToken.None)).Value;

        var purchased = report.ByKind.Single(k => k.Kind == GrantKind.Purchased);
        Assert.Equal((1_000_000, 42_000, 0L), (purchased.Granted, purchased.Used, purchased.Expired));
        var promotional = report.ByKind.Single(k => k.Kind == GrantKind.Promotional);
        Assert.Equal((0L, 150_000L), (promotional.Granted, promotional.Expired));
    }

    [Fact]
    public async Task The_forecast_projects_the_run_out_day_from_the_trailing_usage_and_suggests_a_pack()
    {
        var owner = await Factory.CreateAccountAsync(TierCode.Free);
        var now = DateTimeOffset.UtcNow;
        // 2,000 credits a day for 28 days; a purchased grant of 10,000 (Free gives 300 a day and 1,000 a period besides).
        await UsageSeed.DaysAsync(Factory, owner.OrganizationId, Enumerable.Range(1, 28).Select(i => (Today.AddDays(-i), "agent.step", owner.UserId, 2_000_000L)));
        await UsageSeed.GrantAsync(Factory, owner.OrganizationId, GrantKind.Purchased, 10_000_000, now.AddDays(-1), now.AddDays(300));
        var client = Factory.ApiClient((await Factory.IssueKeyAsync(owner, [Permission.CreditsRead])).Secret.Plaintext);

        var forecast = await client.GetFromJsonAsync<JsonElement>("/api/v1/credits/forecast");

        Assert.Equal(2000m, forecast.GetProperty("expectedDailyUse").GetDecimal());
        var runsOut = DateOnly.Parse(forecast.GetProperty("runsOutOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(runsOut.DayNumber - Today.DayNumber, 5, 8); // 10,000 (+ the live base and refresh) at 1,700 net a day
        Assert.Equal(forecast.GetProperty("runsOutOn").GetString(), forecast.GetProperty("earliest").GetString());
        Assert.Equal(90, forecast.GetProperty("days").GetArrayLength());
        var suggestion = forecast.GetProperty("suggestion");
        Assert.StartsWith("/credits/buy", suggestion.GetProperty("link").GetString(), StringComparison.Ordinal);
    }
}
