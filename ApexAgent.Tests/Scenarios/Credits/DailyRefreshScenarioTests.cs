using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Credits;
using ApexAgent.Portal.Features.Catalog;
using ApexAgent.Portal.Features.Credits;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using static ApexAgent.Tests.Scenarios.Credits.AllocationBooks;

namespace ApexAgent.Tests.Scenarios.Credits;

/// <summary>Daily refresh credits in organisations' own time zones, through DST changes, on a fake clock.</summary>
public sealed class DailyRefreshScenarioTests
{
    private static readonly string[] Zones = ["America/New_York", "Europe/London", "Australia/Lord_Howe", "Pacific/Kiritimati", "UTC"];

    [Theory]
    [InlineData("2027-03-12T05:00:00Z", 25)] // New York springs forward 03-14, London 03-28, Lord Howe falls back 04-04
    [InlineData("2027-10-01T05:00:00Z", 38)] // Lord Howe springs forward 10-03, London falls back 10-31, New York 11-07
    public async Task Daily_refresh_runs_from_local_midnight_to_local_midnight_and_never_accumulates(string start, int days)
    {
        await using var harness = new BillingHarness(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture));
        var organizations = new List<(Guid Id, TimeZoneInfo Zone, long Daily)>();
        var catalog = harness.Factory.Get<TierCatalog>();
        foreach (var (zone, i) in Zones.Select((z, i) => (z, i)))
        {
            var tier = i % 2 == 0 ? TierCode.Free : TierCode.Team;
            var account = await harness.Factory.CreateAccountAsync(tier);
            await harness.Factory.WithDbAsync(async db =>
            {
                var organization = await db.Organizations.SingleAsync(o => o.Id == account.OrganizationId);
                organization.TimeZone = zone;
                return await db.SaveChangesAsync();
            });
            var subscription = await harness.InForceAsync(account.OrganizationId);
            var terms = await catalog.VersionAsync(subscription.Tier, subscription.TierVersion, CancellationToken.None);
            organizations.Add((account.OrganizationId, TimeZoneInfo.FindSystemTimeZoneById(zone), terms.DailyRefreshFor(subscription.Seats).Value));
        }

        var random = new Random(days);
        var end = harness.Now.AddDays(days);
        while (harness.Now < end)
        {
            await PassAsync(harness.Factory);
            foreach (var (id, _, daily) in organizations)
            {
                // At every instant exactly one daily grant is live, and it is a whole day's.
                var balance = await harness.Factory.WithDbAsync(db => CreditBalances.ReadAsync(db, id, harness.Now, CancellationToken.None));
                var part = Assert.Single(balance.ByKind, k => k.Kind == GrantKind.DailyRefresh);
                Assert.Equal(1, part.Grants);
                Assert.Equal(daily, part.Available.Value);
            }

            harness.Clock.Advance(TimeSpan.FromMinutes(random.Next(60, 6 * 60)));
        }

        await PassAsync(harness.Factory);

        foreach (var (id, zone, daily) in organizations)
        {
            var grants = (await GrantsAsync(harness.Factory, id)).Where(g => g.Kind == GrantKind.DailyRefresh).OrderBy(g => g.StartsAt).ToList();
            Assert.True(grants.Count >= days, $"{zone.Id}: {grants.Count} daily grants over {days} days");
            for (var i = 0; i < grants.Count; i++)
            {
                var grant = grants[i];
                var day = LocalDay.Of(grant.StartsAt, zone);
                Assert.Equal(AllocationSources.Daily(day), grant.Source);
                Assert.Equal(LocalDay.Window(day, zone), (grant.StartsAt, grant.ExpiresAt));
                Assert.Equal(TimeSpan.Zero, TimeZoneInfo.ConvertTime(grant.StartsAt, zone).TimeOfDay);
                Assert.Equal(daily, grant.Amount);
                if (i > 0)
                {
                    Assert.Equal(grants[i - 1].ExpiresAt, grant.StartsAt); // no gap, no overlap
                    Assert.True(grant.CreatedAt < grant.StartsAt, $"{zone.Id} {day}: given at {grant.CreatedAt:o}, after its midnight {grant.StartsAt:o}");
                }

                if (grant.ExpiresAt <= harness.Now)
                {
                    Assert.Equal(0, grant.Remaining);
                    Assert.Equal(daily, grant.Expired); // unused: all written off
                }
            }

            var lengths = grants.Select(g => (g.ExpiresAt - g.StartsAt).TotalMinutes).Distinct().Order().ToList();
            if (zone.Id != "UTC" && zone.Id != "Pacific/Kiritimati")
            {
                Assert.True(lengths.Count > 1, $"{zone.Id}: a DST day was expected in the range ({string.Join(", ", lengths)})");
            }

            await AssertBooksBalanceAsync(harness.Factory, id, zone.Id);
        }
    }

    [Fact]
    public async Task A_grant_is_unusable_at_its_expiry_instant()
    {
        await using var harness = new BillingHarness(new DateTimeOffset(2027, 3, 13, 12, 0, 0, TimeSpan.Zero));
        var account = await harness.Factory.CreateAccountAsync();
        await harness.Factory.WithDbAsync(async db =>
        {
            (await db.Organizations.SingleAsync(o => o.Id == account.OrganizationId)).TimeZone = "America/New_York";
            return await db.SaveChangesAsync();
        });
        await PassAsync(harness.Factory);
        var today = (await GrantsAsync(harness.Factory, account.OrganizationId)).Where(g => g.Kind == GrantKind.DailyRefresh).OrderBy(g => g.StartsAt).First();
        var tomorrow = (await GrantsAsync(harness.Factory, account.OrganizationId)).Single(g => g.Kind == GrantKind.DailyRefresh && g.StartsAt == today.ExpiresAt);
        Assert.Equal(TimeSpan.FromHours(23), tomorrow.ExpiresAt - tomorrow.StartsAt); // 2027-03-14 in New York

        async Task<IReadOnlyList<Guid>> LiveAt(DateTimeOffset at) =>
            (await harness.Factory.WithDbAsync(db => db.CreditGrants.AsNoTracking()
                .Where(g => g.OrganizationId == account.OrganizationId && g.Kind == GrantKind.DailyRefresh && g.StartsAt <= at && g.ExpiresAt > at && g.Remaining > 0)
                .Select(g => g.Id).ToListAsync()));

        Assert.Equal([today.Id], await LiveAt(today.ExpiresAt.AddTicks(-1)));
        Assert.Equal([tomorrow.Id], await LiveAt(today.ExpiresAt));
        var atExpiry = await harness.Factory.WithDbAsync(db => CreditBalances.ReadAsync(db, account.OrganizationId, today.ExpiresAt, CancellationToken.None));
        Assert.Equal(tomorrow.Amount, atExpiry.ByKind.Single(k => k.Kind == GrantKind.DailyRefresh).Available.Value);
    }
}
