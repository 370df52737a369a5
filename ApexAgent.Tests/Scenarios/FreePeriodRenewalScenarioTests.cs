using System.Net.Http.Json;
using System.Text.Json;
using ApexAgent.Domain.Catalog;
using ApexAgent.Portal.Features.Subscriptions;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ApexAgent.Tests.Scenarios;

/// <summary>A free account over fourteen months of a fake clock: every period is renewed, contiguous and anchored.</summary>
public sealed class FreePeriodRenewalScenarioTests
{
    [Fact]
    public async Task A_free_plan_renews_itself_month_after_month_on_its_anchor_day()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 31, 9, 30, 0, TimeSpan.Zero));
        await using var factory = new PortalFactory(clock: clock);
        var free = await factory.CreateAccountAsync();
        var pro = await factory.CreateAccountAsync(TierCode.Pro);
        var client = factory.ApiClient((await factory.IssueKeyAsync(free)).Secret.Plaintext);
        var previousEnd = (await PeriodAsync(client)).End;

        for (var month = 1; month <= 14; month++)
        {
            clock.Advance(TimeSpan.FromDays(17));
            await RenewAsync(factory);
            clock.Advance(TimeSpan.FromDays(14));
            await RenewAsync(factory);

            var (start, end) = await PeriodAsync(client);
            Assert.True(start <= clock.GetUtcNow() && clock.GetUtcNow() < end, $"month {month}: {start:o}–{end:o} does not contain {clock.GetUtcNow():o}");
            Assert.True(start >= previousEnd, $"month {month}: the new period {start:o} overlaps the previous one ending {previousEnd:o}");
            Assert.Equal(9, start.Hour);
            Assert.True(start.Day == 31 || start.Day == DateTime.DaysInMonth(start.Year, start.Month), $"month {month}: anchor day lost ({start:o})");
            previousEnd = end;
        }

        var proSubscription = await factory.WithDbAsync(db => db.Subscriptions.AsNoTracking().InForce().SingleAsync(s => s.OrganizationId == pro.OrganizationId));
        Assert.True(proSubscription.CurrentPeriodEnd < clock.GetUtcNow(), "paid renewals belong to billing, not to this job");
    }

    private static async Task RenewAsync(PortalFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<FreePeriodRenewalJob>().RenewAsync(CancellationToken.None);
    }

    private static async Task<(DateTimeOffset Start, DateTimeOffset End)> PeriodAsync(HttpClient client)
    {
        var subscription = (await client.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("subscription");
        return (subscription.GetProperty("currentPeriodStart").GetDateTimeOffset(), subscription.GetProperty("currentPeriodEnd").GetDateTimeOffset());
    }
}
