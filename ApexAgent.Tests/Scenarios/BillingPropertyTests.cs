using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Tests.Scenarios;

/// <summary>
/// Random plan histories over a year (seeded; the seed is in every failure message) driven through the real services
/// with the 4242 card, checked against the test's own account of what each organisation should have paid.
/// <para>
/// The expectation: every stretch of time spent on a paid plan costs price × days ÷ days-in-its-period, exactly
/// (decimal, no rounding), where a change on day <i>d</i> bills day <i>d</i> to the new plan; the period in force at the
/// end is paid in advance to its end; a cancellation now stops paying at once. The engine rounds each proration line
/// once, half away from zero, so each line is off by at most half a cent: the sum of invoice subtotals (lines other than
/// the account balance) must be within half a cent per proration line of the exact expectation.
/// </para>
/// </summary>
public sealed class BillingPropertyTests
{
    private const int Organisations = 50;

    [Theory]
    [InlineData(11)]
    [InlineData(23)]
    [InlineData(37)]
    [InlineData(53)]
    public async Task Random_plan_histories_bill_exactly_the_time_spent_on_each_plan(int seed)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2027, 6, 1, 12, 0, 0, TimeSpan.Zero);
        await using var world = new BillingHarness(start);
        var customers = new List<(TestAccount Account, Model Model)>();
        for (var i = 0; i < Organisations; i++)
        {
            customers.Add((await world.CustomerAsync(), new Model()));
        }

        var log = new Dictionary<Guid, List<string>>();
        for (var day = 0; day <= 366; day++)
        {
            world.Clock.SetUtcNow(start.AddDays(day));
            var now = world.Now;
            await world.RunAsync();
            foreach (var (account, model) in customers)
            {
                model.RenewUntil(now);
                if (random.NextDouble() >= 0.015)
                {
                    continue;
                }

                var (tier, cycle, seats, applyNow) = model.PickTarget(random);
                var result = await world.Plans.ConfirmAsync(account.Actor, new PlanChangeRequest(tier, cycle, seats, applyNow), CancellationToken.None);
                var entry = $"{now:yyyy-MM-dd} {model.Tier}/{model.Cycle}/{model.Seats} → {tier}/{cycle}/{seats} now={applyNow}";
                (log.TryGetValue(account.OrganizationId, out var lines) ? lines : log[account.OrganizationId] = []).Add(entry);
                Assert.True(result.IsSuccess, $"seed {seed}: {entry}: {result.Error?.Code} {result.Error?.Message}");
                model.Apply(tier, cycle, seats, applyNow, now);
            }
        }

        var invoices = await world.AllInvoicesAsync();
        var payments = await world.DbAsync(db => db.Payments.AsNoTracking().ToListAsync());
        var balances = await world.DbAsync(db => db.AccountBalanceEntries.AsNoTracking().ToListAsync());
        foreach (var (account, model) in customers)
        {
            var history = string.Join("; ", log.GetValueOrDefault(account.OrganizationId) ?? []);
            var mine = invoices.Where(i => i.OrganizationId == account.OrganizationId && i.Number is not null).ToList();
            var expected = model.Finish();
            var billed = mine.Sum(i => i.Subtotal.Minor);
            var prorationLines = mine.SelectMany(i => i.Lines).Count(l => l.Kind is InvoiceLineKind.UnusedTime or InvoiceLineKind.RemainingTime);
            Assert.True(Math.Abs(billed - expected) * 2 <= prorationLines,
                $"seed {seed}: billed {billed} vs expected {expected:0.###} ({prorationLines} proration lines) for {history}");

            var charged = payments.Where(p => p.OrganizationId == account.OrganizationId && p.Status == PaymentStatus.Succeeded).Sum(p => p.AmountMinor);
            Assert.All(mine, i => Assert.Equal(InvoiceStatus.Paid, i.Status));
            Assert.True(charged == mine.Where(i => i.TotalMinor > 0).Sum(i => i.TotalMinor), $"seed {seed}: charged {charged} for {history}");

            var credits = mine.Where(i => i.TotalMinor < 0).Sum(i => -i.TotalMinor);
            var consumed = mine.Sum(i => i.BalanceApplied.Minor);
            var balance = balances.Where(b => b.OrganizationId == account.OrganizationId).Sum(b => b.AmountMinor);
            Assert.True(balance == credits - consumed && balance >= 0, $"seed {seed}: balance {balance}, credits {credits}, consumed {consumed} for {history}");
            Assert.Equal(billed - consumed, mine.Sum(i => i.TotalMinor)); // totals = subtotals − balance applied
        }

        BillingHarness.AssertGapless(invoices, $"seed {seed}");
        Assert.Equal(invoices.Count(i => i.Number is not null), invoices.Where(i => i.Number is not null).Select(i => i.Number).Distinct().Count());
    }

    /// <summary>The test's own account of one organisation's plan and of what it owes for the time spent on it.</summary>
    private sealed class Model
    {
        public TierCode Tier { get; private set; } = TierCode.Free;

        public BillingCycle Cycle { get; private set; } = BillingCycle.Monthly;

        public int Seats { get; private set; } = 1;

        private DateTimeOffset anchor;
        private DateTimeOffset periodStart;
        private DateTimeOffset periodEnd;
        private DateTimeOffset segmentStart;
        private (TierCode Tier, int Seats)? scheduled;
        private bool cancelAtEnd;
        private decimal owed;

        private static readonly (TierCode Tier, BillingCycle Cycle, int Seats)[] Plans =
        [
            (TierCode.Pro, BillingCycle.Monthly, 1), (TierCode.Pro, BillingCycle.Annual, 1),
            (TierCode.Team, BillingCycle.Monthly, 2), (TierCode.Team, BillingCycle.Monthly, 3), (TierCode.Team, BillingCycle.Monthly, 5),
            (TierCode.Team, BillingCycle.Annual, 2), (TierCode.Team, BillingCycle.Annual, 4),
        ];

        private static long Price(TierCode tier, BillingCycle cycle, int seats) => (tier, cycle) switch
        {
            (TierCode.Pro, BillingCycle.Monthly) => 2_000,
            (TierCode.Pro, BillingCycle.Annual) => 20_000,
            (TierCode.Team, BillingCycle.Monthly) => 4_000L * seats,
            (TierCode.Team, BillingCycle.Annual) => 40_000L * seats,
            _ => 0,
        };

        private long CurrentPrice => Price(Tier, Cycle, Seats);

        private static int Days(DateTimeOffset from, DateTimeOffset to) => (to.UtcDateTime.Date - from.UtcDateTime.Date).Days;

        private static DateTimeOffset Add(DateTimeOffset anchor, BillingCycle cycle, int n) => cycle == BillingCycle.Annual ? anchor.AddYears(n) : anchor.AddMonths(n);

        public (TierCode, BillingCycle, int, bool) PickTarget(Random random)
        {
            var applyNow = random.Next(2) == 0;
            if (Tier != TierCode.Free && random.NextDouble() < 0.2)
            {
                return (TierCode.Free, BillingCycle.Monthly, 1, applyNow);
            }

            var options = Plans.Where(p => (p.Tier, p.Cycle, p.Seats) != (Tier, Cycle, Seats)).ToList();
            var pick = options[random.Next(options.Count)];
            return (pick.Tier, pick.Cycle, pick.Seats, applyNow);
        }

        /// <summary>Closes the stretch on the current plan at <paramref name="at"/>: its exact share of the period's price.</summary>
        private void Close(DateTimeOffset at)
        {
            if (Tier != TierCode.Free)
            {
                owed += (decimal)CurrentPrice * Days(segmentStart, at) / Days(periodStart, periodEnd);
            }

            segmentStart = at;
        }

        private void StartPeriod(DateTimeOffset at)
        {
            anchor = at;
            periodStart = at;
            periodEnd = Add(at, Cycle, 1);
            segmentStart = at;
        }

        public void RenewUntil(DateTimeOffset now)
        {
            while (Tier != TierCode.Free && periodEnd <= now)
            {
                Close(periodEnd);
                if (cancelAtEnd)
                {
                    (Tier, Seats, cancelAtEnd) = (TierCode.Free, 1, false);
                    return;
                }

                if (scheduled is { } next)
                {
                    (Tier, Seats, scheduled) = (next.Tier, next.Seats, null);
                }

                var n = 1;
                while (Add(anchor, Cycle, n) <= periodEnd)
                {
                    n++;
                }

                (periodStart, periodEnd) = (periodEnd, Add(anchor, Cycle, n));
                segmentStart = periodStart;
            }
        }

        public void Apply(TierCode tier, BillingCycle cycle, int seats, bool applyNow, DateTimeOffset now)
        {
            if (tier == TierCode.Free)
            {
                if (applyNow)
                {
                    Close(now);
                    (Tier, Seats, Cycle, scheduled, cancelAtEnd) = (TierCode.Free, 1, BillingCycle.Monthly, null, false);
                }
                else
                {
                    (cancelAtEnd, scheduled) = (true, null);
                }

                return;
            }

            if (Tier == TierCode.Free || cycle != Cycle)
            {
                Close(now);
                (Tier, Cycle, Seats, scheduled, cancelAtEnd) = (tier, cycle, seats, null, false);
                StartPeriod(now);
                return;
            }

            if (Price(tier, cycle, seats) < CurrentPrice && !applyNow)
            {
                (scheduled, cancelAtEnd) = ((tier, seats), false);
                return;
            }

            Close(now);
            (Tier, Seats, scheduled, cancelAtEnd) = (tier, seats, null, false);
        }

        /// <summary>What the organisation owes in all: the period in force at the end is paid in advance to its end.</summary>
        public decimal Finish()
        {
            Close(periodEnd);
            return owed;
        }
    }
}
