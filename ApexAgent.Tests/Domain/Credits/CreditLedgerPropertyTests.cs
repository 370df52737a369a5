using ApexAgent.Domain.Common;
using ApexAgent.Domain.Credits;

namespace ApexAgent.Tests.Domain.Credits;

/// <summary>The ledger's invariants over many generated histories of grants, usage, expiry, refunds and claw-backs.</summary>
public sealed class CreditLedgerPropertyTests
{
    private static readonly DateTimeOffset Epoch = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int>();
        for (var seed = 1; seed <= 300; seed++)
        {
            seeds.Add(seed);
        }

        return seeds;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Every_history_keeps_the_ledgers_invariants(int seed)
    {
        var random = new Random(seed);
        var ledger = new CreditLedger([], []);
        var now = Epoch;
        for (var g = 0; g < random.Next(1, 8); g++)
        {
            var starts = Epoch.AddHours(random.Next(-72, 48));
            var grant = new CreditGrant(Guid.NewGuid(), (GrantKind)random.Next(6), new Millicredits(random.Next(1, 100_000)), starts, starts.AddHours(random.Next(1, 24 * 40)), $"source-{g}");
            Assert.True(ledger.Grant(grant, Guid.NewGuid()).IsSuccess);
        }

        var overdraft = random.Next(3) == 0 ? new Millicredits(random.Next(1, 20_000)) : Millicredits.Zero;
        for (var step = 0; step < 40; step++)
        {
            now = now.AddHours(random.Next(0, 30));
            var before = ledger.Entries.Count;
            var balanceBefore = ledger.Balance;
            switch (random.Next(4))
            {
                case 0:
                case 1:
                    CheckDeduction(ledger, new Millicredits(random.Next(1, 60_000)), now, overdraft, seed, step);
                    break;
                case 2:
                    var expired = ledger.ExpireAt(now, Guid.NewGuid);
                    Assert.All(expired, e => Assert.True(e.Change < Millicredits.Zero, $"seed {seed}: an expiry removes credits"));
                    Assert.All(ledger.Grants.Where(g => g.ExpiresAt <= now), g => Assert.True(ledger.RemainingOf(g.Id) <= Millicredits.Zero, $"seed {seed}: ended grant {g.Id} keeps credits"));
                    break;
                default:
                    var used = ledger.Entries.Where(e => e.Kind == LedgerEntryKind.Used && ledger.Entries.All(r => r.Reverses != e.Id)).ToList();
                    if (used.Count > 0)
                    {
                        var target = used[random.Next(used.Count)];
                        var reversed = ledger.Reverse(target.Id, "task failed on our side", now, Guid.NewGuid());
                        Assert.True(reversed.IsSuccess, $"seed {seed} step {step}");
                        Assert.Equal(balanceBefore - target.Change, ledger.Balance);
                        Assert.Equal("already_reversed", ledger.Reverse(target.Id, "again", now, Guid.NewGuid()).Error?.Code);
                    }

                    break;
            }

            // Append-only: nothing before was changed or removed.
            Assert.True(ledger.Entries.Count >= before, $"seed {seed}: entries were removed");

            // The balance is the sum of the entries, and it splits exactly into grants and overdraft.
            var sum = ledger.Entries.Aggregate(Millicredits.Zero, (s, e) => s + e.Change);
            Assert.Equal(sum, ledger.Balance);
            Assert.Equal(sum, ledger.Grants.Aggregate(Millicredits.Zero, (s, g) => s + ledger.RemainingOf(g.Id)) + ledger.Overdrawn);

            // No grant ever gives more than it had, and the overdraft never passes its allowance.
            Assert.All(ledger.Grants, g => Assert.True(ledger.RemainingOf(g.Id) >= Millicredits.Zero, $"seed {seed} step {step}: grant {g.Kind} below zero"));
            Assert.True(ledger.Overdrawn + overdraft >= Millicredits.Zero, $"seed {seed} step {step}: overdraft beyond its allowance");
        }
    }

    private static void CheckDeduction(CreditLedger ledger, Millicredits amount, DateTimeOffset now, Millicredits overdraft, int seed, int step)
    {
        var order = ledger.UsableAt(now);

        // The order itself follows PRODUCT.md: soonest expiry first; at equal expiry, daily, bonus, base, (allocation), purchased, promotional.
        Assert.All(order, g => Assert.True(g.StartsAt <= now && now < g.ExpiresAt));
        Assert.Equal(ledger.Grants.Count(g => g.StartsAt <= now && now < g.ExpiresAt), order.Count);
        for (var i = 1; i < order.Count; i++)
        {
            Assert.True(
                order[i - 1].ExpiresAt < order[i].ExpiresAt || (order[i - 1].ExpiresAt == order[i].ExpiresAt && order[i - 1].Kind <= order[i].Kind),
                $"seed {seed}: {order[i - 1].Kind} (ends {order[i - 1].ExpiresAt:u}) burns before {order[i].Kind} (ends {order[i].ExpiresAt:u})");
        }
        var remaining = ledger.Grants.ToDictionary(g => g.Id, g => ledger.RemainingOf(g.Id));
        var coverable = order.Aggregate(Millicredits.Zero, (s, g) => s + remaining[g.Id]) + overdraft + ledger.Overdrawn;
        var count = ledger.Entries.Count;
        var balance = ledger.Balance;

        var result = ledger.Deduct(amount, $"usage-{step}", now, Guid.NewGuid, overdraft);

        if (coverable < amount)
        {
            Assert.Equal("insufficient_credits", result.Error?.Code);
            Assert.Equal(count, ledger.Entries.Count);
            Assert.Equal(balance, ledger.Balance);
            return;
        }

        Assert.True(result.IsSuccess, $"seed {seed} step {step}: {result.Error?.Code}");
        var parts = result.Value;
        Assert.Equal(amount, Millicredits.Zero - parts.Aggregate(Millicredits.Zero, (s, e) => s + e.Change));
        Assert.All(parts, p => Assert.True(p.Change < Millicredits.Zero));
        Assert.Equal(parts.Count, parts.Select(p => p.GrantId).Distinct().Count());

        // Burn order: a grant is drawn on only when every grant before it is used up.
        var drawn = parts.Where(p => p.GrantId is not null).Select(p => order.ToList().FindIndex(g => g.Id == p.GrantId)).ToList();
        Assert.DoesNotContain(-1, drawn); // never an unusable (unstarted or ended) grant
        Assert.Equal(drawn.Order(), drawn);
        var last = drawn.Count == 0 ? -1 : drawn.Max();
        for (var i = 0; i < last; i++)
        {
            Assert.True(ledger.RemainingOf(order[i].Id) == Millicredits.Zero, $"seed {seed} step {step}: {order[i].Kind} skipped while it had credits");
        }

        if (parts.Any(p => p.GrantId is null))
        {
            Assert.All(order, g => Assert.Equal(Millicredits.Zero, ledger.RemainingOf(g.Id)));
        }
    }
}
