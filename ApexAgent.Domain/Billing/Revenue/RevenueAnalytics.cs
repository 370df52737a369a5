using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Common;

namespace ApexAgent.Domain.Billing.Revenue;

/// <summary>
/// Subscription revenue analytics for the admin analytics page, computed by replaying the organisations' subscription
/// timelines. Pure: no clock and no I/O; every amount is a whole number of minor units, so every sum is exact.
/// </summary>
/// <remarks>
/// <para>
/// <b>Replay.</b> Changes at or before <c>now</c> are replayed in order of <see cref="RevenueChange.At"/>, changes at the same
/// instant in input order; later changes are ignored. An organisation's recurring revenue is the
/// <see cref="RevenueChange.RecurringRevenueAfter"/> of its latest replayed change.
/// </para>
/// <para>
/// <b>Which "before" counts.</b> The given <see cref="RevenueChange.RecurringRevenueBefore"/> is trusted only for an
/// organisation's first change: it is that organisation's opening recurring revenue, held since before the timeline began
/// (so it also counts in the months before that first change). For every later change the true "before" is the replayed
/// <c>RecurringRevenueAfter</c> of the organisation's previous change, whatever the change itself says: a gap between the two
/// is folded into that change's movement. This is what keeps every month reconciled exactly:
/// <c>MrrAtStart + NewMrr + ExpansionMrr + ReactivationMrr − ContractionMrr − ChurnedMrr = MrrAtEnd</c>.
/// </para>
/// <para>
/// <b>Classification</b>, by the true before (B) and the after (A) of each change — exactly one of:
/// <list type="bullet">
/// <item>B = 0, A &gt; 0: <i>new</i> (NewMrr += A) if the organisation never had recurring revenue before, otherwise a
/// <i>reactivation</i> (ReactivationMrr += A) — whatever the kind, so a returning customer who subscribes again is a
/// reactivation, not new business. An opening revenue above zero counts as having paid.</item>
/// <item>B &gt; 0, A = 0: a <i>cancellation</i> (ChurnedMrr += B) — usually Canceled or FellBackToFree, but any kind that
/// takes the revenue to zero (a downgrade to Free, say) is churn.</item>
/// <item>B &gt; 0, A &gt; 0: an <i>upgrade</i> if the kind is Upgraded, a <i>downgrade</i> if it is Downgraded, otherwise (seat
/// and cycle changes, a renewal at a new price, …) an upgrade when A &gt; B and a downgrade when A &lt; B. The money goes
/// by the sign of A − B: ExpansionMrr when it rises, ContractionMrr when it falls, nothing when it is equal (an Upgraded
/// change at an unchanged price is counted but moves no money).</item>
/// <item>Anything else (A = B, or both zero, e.g. Renewed, PastDue, Recovered or CancellationScheduled that change nothing)
/// is not a movement.</item>
/// </list>
/// </para>
/// <para>
/// <b>Months</b> are calendar months in UTC; a change belongs to the month of its instant in UTC.
/// </para>
/// </remarks>
public static class RevenueAnalytics
{
    /// <summary>The most months one report covers (ten years).</summary>
    public const int MaxMonths = 120;

    /// <summary>
    /// The revenue report at <paramref name="now"/> over the last <paramref name="months"/> calendar months (UTC), the month of
    /// <paramref name="now"/> included, from the subscription timeline <paramref name="changes"/> (in any order).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="months"/> is not between 1 and <see cref="MaxMonths"/>.</exception>
    /// <exception cref="ArgumentException">A change is in another currency than <paramref name="currency"/>, or has a negative recurring revenue.</exception>
    public static RevenueReport Build(IEnumerable<RevenueChange> changes, DateTimeOffset now, int months, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(currency);
        ArgumentOutOfRangeException.ThrowIfLessThan(months, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(months, MaxMonths);

        var timeline = changes
            .Select((change, position) => (Change: Validated(change, currency), Position: position))
            .Where(entry => entry.Change.At <= now)
            .OrderBy(entry => entry.Change.At)
            .ThenBy(entry => entry.Position)
            .Select(entry => entry.Change)
            .ToList();

        var organizations = new Dictionary<Guid, OrganizationState>();
        long mrr = 0;
        foreach (var change in timeline)
        {
            if (!organizations.ContainsKey(change.OrganizationId))
            {
                var opening = change.RecurringRevenueBefore.Minor;
                organizations.Add(change.OrganizationId, new OrganizationState(opening, change.Tier));
                mrr = checked(mrr + opening);
            }
        }

        var nowUtc = now.UtcDateTime;
        var firstMonth = new DateOnly(nowUtc.Year, nowUtc.Month, 1).AddMonths(-(months - 1));
        var tallies = new MonthTally[months];
        var opened = 0;
        foreach (var change in timeline)
        {
            var index = MonthIndex(change.At, firstMonth);
            while (opened <= index)
            {
                tallies[opened++] = new MonthTally(mrr);
            }

            var state = organizations[change.OrganizationId];
            var before = state.Mrr;
            var after = change.RecurringRevenueAfter.Minor;
            if (index >= 0)
            {
                tallies[index].Add(Classify(change.Kind, before, after, state.HasPaid), before, after);
            }

            state.Apply(change.Tier, after);
            mrr = checked(mrr + (after - before));
        }

        while (opened < months)
        {
            tallies[opened++] = new MonthTally(mrr);
        }

        var reportMonths = new RevenueMonth[months];
        for (var i = 0; i < months; i++)
        {
            var end = i + 1 < months ? tallies[i + 1].MrrAtStart : mrr;
            reportMonths[i] = tallies[i].ToMonth(firstMonth.AddMonths(i), end, currency);
        }

        var paying = organizations.Values.Where(state => state.Mrr > 0).ToList();
        var byTier = paying
            .GroupBy(state => state.Tier)
            .OrderBy(group => group.Key)
            .Select(group => new TierShare(group.Key, group.Count(), new Money(group.Sum(state => state.Mrr), currency)))
            .ToList();

        var total = new Money(mrr, currency);
        return new RevenueReport(total, total * 12, paying.Count, byTier, reportMonths);
    }

    private static RevenueChange Validated(RevenueChange change, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.RecurringRevenueBefore.Currency != currency || change.RecurringRevenueAfter.Currency != currency)
        {
            throw new ArgumentException(
                $"The change of organisation {change.OrganizationId} at {change.At:O} is not in {currency}.", nameof(currency));
        }

        if (change.RecurringRevenueBefore.Minor < 0 || change.RecurringRevenueAfter.Minor < 0)
        {
            throw new ArgumentException(
                $"The change of organisation {change.OrganizationId} at {change.At:O} has a negative recurring revenue.", nameof(change));
        }

        return change;
    }

    /// <summary>Months from <paramref name="firstMonth"/> to the UTC month of <paramref name="at"/> (negative before it).</summary>
    private static int MonthIndex(DateTimeOffset at, DateOnly firstMonth)
    {
        var utc = at.UtcDateTime;
        return ((utc.Year - firstMonth.Year) * 12) + (utc.Month - firstMonth.Month);
    }

    private static Movement Classify(SubscriptionChangeKind kind, long before, long after, bool hasPaid) => (before, after) switch
    {
        (0, > 0) => hasPaid ? Movement.Reactivation : Movement.New,
        (> 0, 0) => Movement.Cancellation,
        (> 0, > 0) when kind == SubscriptionChangeKind.Upgraded => Movement.Upgrade,
        (> 0, > 0) when kind == SubscriptionChangeKind.Downgraded => Movement.Downgrade,
        (> 0, > 0) when after > before => Movement.Upgrade,
        (> 0, > 0) when after < before => Movement.Downgrade,
        _ => Movement.None,
    };

    private enum Movement
    {
        None,
        New,
        Upgrade,
        Downgrade,
        Cancellation,
        Reactivation,
    }

    /// <summary>An organisation as replayed so far: its recurring revenue, its tier, and whether it has ever paid.</summary>
    private sealed class OrganizationState(long opening, TierCode tier)
    {
        public long Mrr { get; private set; } = opening;

        public TierCode Tier { get; private set; } = tier;

        public bool HasPaid { get; private set; } = opening > 0;

        public void Apply(TierCode tier, long after)
        {
            Tier = tier;
            Mrr = after;
            HasPaid |= after > 0;
        }
    }

    /// <summary>The counts and movements of one month while the timeline is replayed.</summary>
    private sealed class MonthTally(long mrrAtStart)
    {
        private int created;
        private int upgrades;
        private int downgrades;
        private int cancellations;
        private int reactivations;
        private long newMrr;
        private long expansion;
        private long contraction;
        private long churned;
        private long reactivated;

        public long MrrAtStart { get; } = mrrAtStart;

        public void Add(Movement movement, long before, long after)
        {
            switch (movement)
            {
                case Movement.New:
                    created++;
                    newMrr = checked(newMrr + after);
                    break;
                case Movement.Reactivation:
                    reactivations++;
                    reactivated = checked(reactivated + after);
                    break;
                case Movement.Cancellation:
                    cancellations++;
                    churned = checked(churned + before);
                    break;
                case Movement.Upgrade or Movement.Downgrade:
                    if (movement == Movement.Upgrade)
                    {
                        upgrades++;
                    }
                    else
                    {
                        downgrades++;
                    }

                    if (after > before)
                    {
                        expansion = checked(expansion + (after - before));
                    }
                    else
                    {
                        contraction = checked(contraction + (before - after));
                    }

                    break;
            }
        }

        public RevenueMonth ToMonth(DateOnly month, long mrrAtEnd, Currency currency) => new(
            month,
            new Money(MrrAtStart, currency),
            new Money(mrrAtEnd, currency),
            created,
            upgrades,
            downgrades,
            cancellations,
            reactivations,
            new Money(newMrr, currency),
            new Money(expansion, currency),
            new Money(contraction, currency),
            new Money(churned, currency),
            new Money(reactivated, currency));
    }
}
