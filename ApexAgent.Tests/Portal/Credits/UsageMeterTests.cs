using ApexAgent.Domain.Common;
using ApexAgent.Domain.Credits;
using ApexAgent.Portal.Features.Credits;
using ApexAgent.Portal.Features.Credits.Usage;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Tests.Portal.Credits;

/// <summary>The single usage writer under concurrency, and a property test of the ledger it keeps.</summary>
public sealed class UsageMeterTests(SharedPortal portal) : IClassFixture<SharedPortal>
{
    private PortalFactory Factory => portal.Factory;

    private UsageMeter Meter => Factory.Get<UsageMeter>();

    [Fact]
    public async Task Sixty_four_concurrent_writers_with_repeats_leave_an_exact_balance()
    {
        var organization = Guid.NewGuid();
        var now = Factory.Now;
        const int Writers = 64;
        const int PerWriter = 40;
        var random = new Random(20261126);

        // Less credit than the writers ask for, so that refusals race with acceptances too.
        long granted = 0;
        await Factory.WithDbAsync(async db =>
        {
            foreach (var (kind, credits, days) in new[] { (GrantKind.DailyRefresh, 300L, 1), (GrantKind.Base, 3_000L, 30), (GrantKind.Purchased, 1_500L, 365), (GrantKind.Promotional, 500L, 90) })
            {
                await CreditsTestData.GiveAsync(db, organization, kind, Millicredits.FromCredits(credits), now.AddHours(-1), now.AddDays(days), now);
                granted += credits * 1_000;
            }

            return 0;
        });

        // Each writer sends its own events; 10% of all sends repeat an event another writer (or itself) sent.
        var own = Enumerable.Range(0, Writers).Select(w => Enumerable.Range(0, PerWriter).Select(i => Submission(organization, $"w{w}-e{i}", 1 + random.Next(5_000), now)).ToList()).ToList();
        var everything = own.SelectMany(x => x).ToList();
        var plans = own.Select(list =>
        {
            var plan = new List<UsageSubmission>(list);
            for (var r = 0; r < PerWriter / 10; r++)
            {
                plan.Insert(random.Next(plan.Count + 1), everything[random.Next(everything.Count)]);
            }

            return plan;
        }).ToList();

        var outcomes = await Task.WhenAll(plans.Select(plan => Task.Run(async () =>
        {
            var answers = new List<(UsageSubmission Usage, UsageOutcome Outcome)>();
            foreach (var usage in plan)
            {
                answers.Add((usage, await Meter.RecordAsync(usage, CancellationToken.None)));
            }

            return answers;
        })));

        var all = outcomes.SelectMany(x => x).ToList();
        Assert.Equal(Writers * (PerWriter + (PerWriter / 10)), all.Count);
        Assert.DoesNotContain(all, a => a.Outcome.Kind == UsageOutcomeKind.Failed);
        var acceptedOnce = all.Where(a => a.Outcome.Kind == UsageOutcomeKind.Accepted).GroupBy(a => a.Usage.EventId).ToList();
        Assert.All(acceptedOnce, g => Assert.Single(g));
        var acceptedIds = acceptedOnce.Select(g => g.Key).ToHashSet();
        Assert.Contains(all, a => a.Outcome.Kind == UsageOutcomeKind.Duplicate);
        Assert.Contains(all, a => a.Outcome.Kind == UsageOutcomeKind.Refused);
        Assert.All(all.Where(a => a.Outcome.Kind == UsageOutcomeKind.Duplicate), a => Assert.Contains(a.Usage.EventId, acceptedIds));
        var spent = acceptedOnce.Sum(g => g.Single().Usage.Price);

        await Factory.WithDbAsync(async db =>
        {
            var stored = await db.UsageEvents.Where(u => u.OrganizationId == organization).Select(u => new { u.Id, u.EventId, u.Deducted }).ToListAsync();
            Assert.Equal(acceptedIds.OrderBy(x => x, StringComparer.Ordinal), stored.Select(s => s.EventId).OrderBy(x => x, StringComparer.Ordinal));
            var used = await db.CreditEntries.Where(e => e.OrganizationId == organization && e.Kind == LedgerEntryKind.Used).GroupBy(e => e.UsageEventId).Select(g => new { Id = g.Key!.Value, Sum = g.Sum(e => e.Change) }).ToListAsync();
            Assert.Equal(stored.Select(s => (s.Id, -s.Deducted)).OrderBy(x => x.Id), used.Select(u => (u.Id, u.Sum)).OrderBy(x => x.Id));
            var balance = await CreditBalances.ReadAsync(db, organization, Factory.Now, CancellationToken.None);
            Assert.Equal(granted - spent, balance.Available.Value);
            Assert.True(balance.Available.Value >= 0);
            Assert.Equal(granted - spent, await db.CreditEntries.Where(e => e.OrganizationId == organization).SumAsync(e => e.Change));
            Assert.Equal(spent, await db.UsageDays.Where(d => d.OrganizationId == organization).SumAsync(d => d.Used));
            Assert.Equal(acceptedIds.Count, await db.UsageDays.Where(d => d.OrganizationId == organization).SumAsync(d => d.Events));
            Assert.Equal(spent, await db.CreditBurnDays.Where(d => d.OrganizationId == organization).SumAsync(d => d.Used));
            return 0;
        });
        await CreditsTestData.AssertBooksBalanceAsync(Factory, organization);
    }

    [Fact]
    public async Task Random_grants_and_usage_streams_keep_the_burn_order_and_the_books()
    {
        var random = new Random(5_2026);
        var kinds = Enum.GetValues<GrantKind>();
        for (var round = 0; round < 40; round++)
        {
            var organization = Guid.NewGuid();
            var now = Factory.Now;
            var allowance = random.Next(3) == 0 ? random.Next(1, 30) * 1_000L : 0;
            var grants = new List<(Guid Id, GrantKind Kind, long Amount, DateTimeOffset StartsAt, DateTimeOffset ExpiresAt)>();
            await Factory.WithDbAsync(async db =>
            {
                for (var g = random.Next(0, 7); g > 0; g--)
                {
                    var kind = kinds[random.Next(kinds.Length)];
                    // Some grants share an expiry (kind decides), some start later or have already ended (not usable).
                    var expires = now.AddDays(random.Next(4) switch { 0 => 1, 1 => 30, 2 => random.Next(1, 400), _ => -1 });
                    var starts = random.Next(8) == 0 && expires > now.AddHours(3) ? now.AddHours(2) : expires.AddDays(-500);
                    var amount = random.Next(1, 60) * 1_000L + random.Next(3) * 250;
                    var id = await CreditsTestData.GiveAsync(db, organization, kind, new Millicredits(amount), starts, expires, now);
                    grants.Add((id, kind, amount, starts, expires));
                }

                if (allowance > 0)
                {
                    db.CreditPools.Add(new CreditPool { OrganizationId = organization, OverdraftAllowance = allowance });
                    await db.SaveChangesAsync();
                }

                return 0;
            });

            // The stream, sent as a few concurrent requests of several events each (the writer keeps arrival order within a request).
            var stream = Enumerable.Range(0, random.Next(5, 60)).Select(i => Submission(organization, $"r{round}-e{random.Next(45)}", random.Next(6) == 0 ? 0 : random.Next(1, 9_000), now)).ToList();
            var chunks = stream.Chunk(random.Next(1, 12)).ToList();
            var answers = await Task.WhenAll(chunks.Select(chunk => Meter.RecordAsync(chunk, CancellationToken.None)));
            var outcomes = chunks.SelectMany(c => c).Zip(answers.SelectMany(a => a)).ToList();
            Assert.DoesNotContain(outcomes, o => o.Second.Kind == UsageOutcomeKind.Failed);

            // Replay accepted events in the order they were written and check each split against the state before it.
            var remaining = grants.ToDictionary(g => g.Id, g => g.Amount);
            var overdrawn = 0L;
            var accepted = await Factory.WithDbAsync(db => db.UsageEvents.Where(u => u.OrganizationId == organization).OrderBy(u => u.Id).ToListAsync());
            var entries = await Factory.WithDbAsync(db => db.CreditEntries.Where(e => e.OrganizationId == organization && e.Kind == LedgerEntryKind.Used).OrderBy(e => e.Id).ToListAsync());
            Assert.Equal(accepted.Count, accepted.Select(a => a.EventId).Distinct().Count());
            foreach (var usage in accepted)
            {
                var order = grants.Where(g => g.StartsAt <= now && now < g.ExpiresAt && remaining[g.Id] > 0)
                    .OrderBy(g => g.ExpiresAt).ThenBy(g => g.Kind).ThenBy(g => g.StartsAt).ThenBy(g => g.Id).ToList();
                var parts = entries.Where(e => e.UsageEventId == usage.Id).ToList();
                Assert.Equal(usage.Deducted, -parts.Sum(p => p.Change));
                Assert.Equal(order.Sum(g => remaining[g.Id]) - overdrawn - usage.Deducted, usage.BalanceAfter);
                var grantParts = parts.Where(p => p.GrantId is not null).ToList();
                for (var i = 0; i < grantParts.Count; i++)
                {
                    // Parts draw a prefix of the burn order, each grant but the last drained.
                    Assert.Equal(order[i].Id, grantParts[i].GrantId);
                    Assert.Equal(order[i].Kind, grantParts[i].GrantKind);
                    if (i < grantParts.Count - 1 || parts.Any(p => p.GrantId is null))
                    {
                        Assert.Equal(remaining[order[i].Id], -grantParts[i].Change);
                    }

                    remaining[order[i].Id] += grantParts[i].Change;
                }

                overdrawn -= parts.Where(p => p.GrantId is null).Sum(p => p.Change);
                Assert.True(overdrawn <= allowance, $"Overdrawn {overdrawn} beyond the allowance {allowance}");
            }

            // Every refusal was right: grants and overdraft left together (balance + allowance) fell short of the price.
            var lastAvailable = grants.Where(g => g.StartsAt <= now && now < g.ExpiresAt).Sum(g => remaining[g.Id]) - overdrawn;
            foreach (var (usage, outcome) in outcomes.Where(o => o.Second.Kind == UsageOutcomeKind.Refused))
            {
                Assert.True(usage.Price > outcome.Balance + allowance, $"Round {round}: {usage.EventId} for {usage.Price} refused with balance {outcome.Balance}, allowance {allowance}");
                Assert.Equal(0, outcome.Deducted);
            }

            // Duplicates repeat what the stored event answered.
            foreach (var (usage, outcome) in outcomes.Where(o => o.Second.Kind == UsageOutcomeKind.Duplicate))
            {
                var stored = accepted.Single(a => a.EventId == usage.EventId);
                Assert.Equal((stored.Deducted, stored.BalanceAfter), (outcome.Deducted, outcome.Balance));
            }

            foreach (var grant in grants)
            {
                Assert.Equal(remaining[grant.Id], await CreditsTestData.RemainingAsync(Factory, grant.Id));
            }

            await CreditsTestData.AssertBooksBalanceAsync(Factory, organization);
            var balance = await Factory.WithDbAsync(db => CreditBalances.ReadAsync(db, organization, now, CancellationToken.None));
            Assert.Equal(lastAvailable, balance.Available.Value);
            Assert.True(balance.Available.Value >= -allowance);
            Assert.True(allowance > 0 || balance.Available.Value >= 0);
        }
    }

    private static UsageSubmission Submission(Guid organization, string eventId, long price, DateTimeOffset now) =>
        new(organization, eventId, "agent.step", price, "user-1", null, now, 1, price, null);
}
