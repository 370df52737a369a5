using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Credits;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using static ApexAgent.Tests.Scenarios.Credits.AllocationBooks;

namespace ApexAgent.Tests.Scenarios.Credits;

/// <summary>
/// Random plan histories through the real billing engine: whatever happens, every grant's remaining equals the sum of
/// its entries, the books balance, and no period's base credits (nor a tier's bonus) are ever given twice.
/// </summary>
public sealed class AllocationPropertyTests
{
    [Theory]
    [InlineData(11)]
    [InlineData(2027)]
    public async Task Random_plan_histories_keep_the_books_balanced_and_grant_nothing_twice(int seed)
    {
        var random = new Random(seed);
        await using var harness = new BillingHarness(new DateTimeOffset(2027, 1, 5, 8, 0, 0, TimeSpan.Zero));
        var customers = new List<TestAccount>();
        for (var i = 0; i < 5; i++)
        {
            customers.Add(await harness.CustomerAsync(i == 4 ? BillingHarness.Declined : BillingHarness.Good));
        }

        TierCode[] tiers = [TierCode.Free, TierCode.Pro, TierCode.Team];
        for (var step = 0; step < 45; step++)
        {
            var customer = customers[random.Next(customers.Count)];
            switch (random.Next(5))
            {
                case 0:
                case 1:
                    var tier = tiers[random.Next(tiers.Length)];
                    var cycle = random.Next(4) == 0 ? BillingCycle.Annual : BillingCycle.Monthly;
                    await harness.Plans.ConfirmAsync(customer.Actor, new PlanChangeRequest(tier, tier == TierCode.Free ? BillingCycle.Monthly : cycle, random.Next(1, 6), random.Next(2) == 0), CancellationToken.None);
                    break;
                case 2:
                    await PassAsync(harness.Factory);
                    break;
                default:
                    await harness.AdvanceAsync(TimeSpan.FromHours(random.Next(1, 24 * 12)), TimeSpan.FromDays(2));
                    await PassAsync(harness.Factory);
                    break;
            }
        }

        await harness.RunAsync();
        await PassAsync(harness.Factory);
        var subscriptions = await harness.DbAsync(db => db.Subscriptions.AsNoTracking().ToListAsync());
        foreach (var customer in customers)
        {
            await AssertBooksBalanceAsync(harness.Factory, customer.OrganizationId, $"seed {seed}");
            var grants = await GrantsAsync(harness.Factory, customer.OrganizationId);
            foreach (var subscription in subscriptions.Where(s => s.OrganizationId == customer.OrganizationId))
            {
                // Base credits of one subscription: periods never overlap (a period is never granted twice), except when a
                // change of cycle started a new period at once, and then the old period's unused share was clawed back.
                var periods = grants.Where(g => g.Kind == GrantKind.Base && g.Source.StartsWith($"base:{subscription.Id:N}:", StringComparison.Ordinal) && !g.Source.Contains(":change:", StringComparison.Ordinal))
                    .OrderBy(g => g.StartsAt).ToList();
                for (var i = 1; i < periods.Count; i++)
                {
                    Assert.True(periods[i - 1].ExpiresAt <= periods[i].StartsAt || periods[i - 1].ClawedBack > 0, $"seed {seed}: {periods[i - 1].Source} overlaps {periods[i].Source}");
                }
            }

            Assert.All(grants.Where(g => g.Kind == GrantKind.FirstPeriodBonus).GroupBy(g => g.Source), g => Assert.Single(g));
            var days = grants.Where(g => g.Kind == GrantKind.DailyRefresh).OrderBy(g => g.StartsAt).ToList();
            for (var i = 1; i < days.Count; i++)
            {
                Assert.True(days[i - 1].ExpiresAt <= days[i].StartsAt, $"seed {seed}: daily {days[i - 1].Source} overlaps {days[i].Source}");
            }

            foreach (var ended in grants.Where(g => g.ExpiresAt <= harness.Now))
            {
                Assert.Equal(0, ended.Remaining);
            }
        }
    }
}
