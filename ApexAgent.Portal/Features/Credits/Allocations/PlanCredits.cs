using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Credits;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Credits;

/// <summary>
/// The credits a plan gives and takes back, written in the billing engine's own transaction (the caller saves): base
/// credits per period, the first-period bonus, the prorated difference of an upgrade, the claw-back of a downgrade
/// applied now and of a subscription that ends early. See docs/adr/0013-credit-allocations.md.
/// </summary>
public static class PlanCredits
{
    /// <summary>The base credits of the subscription's current period, or null when the tier gives none.</summary>
    public static GrantRequest? BaseOf(Subscription subscription, Tier tier)
    {
        var amount = tier.BaseCreditsFor(subscription.Seats);
        return amount.Value <= 0 ? null : new GrantRequest(
            subscription.OrganizationId, GrantKind.Base, amount, subscription.CurrentPeriodStart, subscription.CurrentPeriodEnd,
            AllocationSources.Base(subscription.Id, subscription.CurrentPeriodStart),
            $"{tier.Terms.Name} base credits, {subscription.CurrentPeriodStart.UtcDateTime:MMM d} – {subscription.CurrentPeriodEnd.UtcDateTime:MMM d, yyyy}");
    }

    /// <summary>The first-period bonus of a tier (expiring with the current period), or null when the tier gives none.</summary>
    public static GrantRequest? BonusOf(Subscription subscription, Tier tier, DateTimeOffset now)
    {
        var amount = tier.FirstPeriodBonusFor(subscription.Seats);
        return amount.Value <= 0 || subscription.CurrentPeriodEnd <= now ? null : new GrantRequest(
            subscription.OrganizationId, GrantKind.FirstPeriodBonus, amount, now, subscription.CurrentPeriodEnd,
            AllocationSources.Bonus(subscription.OrganizationId, tier.Code), $"{tier.Terms.Name} first-period bonus");
    }

    /// <summary>
    /// A subscription started (first subscribe, a contract, or Free after a paid plan ended): its period's base credits
    /// and, once per organisation and tier, the first-period bonus.
    /// </summary>
    public static async Task StartedAsync(PortalDbContext db, Subscription subscription, Tier tier, DateTimeOffset now, CancellationToken ct)
    {
        var requests = new List<GrantRequest>();
        if (BaseOf(subscription, tier) is { } baseCredits)
        {
            requests.Add(baseCredits);
        }

        if (BonusOf(subscription, tier, now) is { } bonus)
        {
            requests.Add(bonus);
        }

        await CreditBooks.GiveManyAsync(db, requests, now, ct);
    }

    /// <summary>
    /// A plan change applied now, with the base-credit change its quote showed (<paramref name="change"/>): when it starts
    /// a new period (first subscription, new cycle) the new period's whole base is granted and the rest of the change is
    /// taken back from the old plan's base; within a period a positive change is granted until the period ends and a
    /// negative one is clawed back. An upgrade to a tier not held before also brings its first-period bonus.
    /// </summary>
    public static async Task ChangedAsync(PortalDbContext db, Subscription subscription, Tier tier, Millicredits change, bool newPeriod, Guid invoiceId, DateTimeOffset now, CancellationToken ct)
    {
        var requests = new List<GrantRequest>();
        var clawBack = 0L;
        if (newPeriod && BaseOf(subscription, tier) is { } whole)
        {
            var exists = await db.CreditGrants.AnyAsync(g => g.OrganizationId == subscription.OrganizationId && g.Source == whole.Source, ct);
            requests.Add(exists ? whole with { Source = AllocationSources.BaseChange(subscription.Id, invoiceId), StartsAt = now } : whole);
            clawBack = whole.Amount.Value - change.Value;
        }
        else if (change.Value > 0 && subscription.CurrentPeriodEnd > now)
        {
            requests.Add(new GrantRequest(subscription.OrganizationId, GrantKind.Base, change, now, subscription.CurrentPeriodEnd,
                AllocationSources.BaseChange(subscription.Id, invoiceId), $"{tier.Terms.Name} base credits for the rest of the period"));
        }
        else
        {
            clawBack = -change.Value;
        }

        if (clawBack > 0)
        {
            await ClawBackAsync(db, subscription.OrganizationId, [GrantKind.Base], new Millicredits(clawBack), "Plan changed: base credits above the new allowance", now, ct);
        }

        if (BonusOf(subscription, tier, now) is { } bonus)
        {
            requests.Add(bonus);
        }

        await CreditBooks.GiveManyAsync(db, requests, now, ct);
    }

    /// <summary>
    /// A new subscription replaced the one in force outside a quoted change (a contract, a checkout the bank
    /// authenticated later): the unused time share of the replaced plan's live base credits is taken back.
    /// </summary>
    public static async Task ReplacedAsync(PortalDbContext db, Guid organizationId, DateTimeOffset now, CancellationToken ct)
    {
        var live = await LiveAsync(db, organizationId, [GrantKind.Base], now, ct);
        foreach (var grant in live)
        {
            var share = (decimal)(grant.ExpiresAt - now).Ticks / Math.Max(1, (grant.ExpiresAt - grant.StartsAt).Ticks);
            var unused = (long)Math.Round(grant.Amount * Math.Min(1m, share), MidpointRounding.AwayFromZero);
            CreditBooks.ClawBack(db, grant, new Millicredits(unused), "Plan replaced: base credits for the unused time", now);
        }
    }

    /// <summary>
    /// Takes back up to <paramref name="amount"/> (null: everything left) from the organisation's live grants of the given
    /// kinds, soonest expiry first, never more than is left; answers what was taken.
    /// </summary>
    public static async Task<Millicredits> ClawBackAsync(PortalDbContext db, Guid organizationId, GrantKind[] kinds, Millicredits? amount, string reason, DateTimeOffset now, CancellationToken ct)
    {
        var left = amount?.Value ?? long.MaxValue;
        var taken = 0L;
        foreach (var grant in await LiveAsync(db, organizationId, kinds, now, ct))
        {
            if (left <= 0)
            {
                break;
            }

            var take = CreditBooks.ClawBack(db, grant, new Millicredits(left), reason, now).Value;
            left -= take;
            taken += take;
        }

        return new Millicredits(taken);
    }

    private static async Task<List<Grant>> LiveAsync(PortalDbContext db, Guid organizationId, GrantKind[] kinds, DateTimeOffset now, CancellationToken ct)
    {
        await db.CreditGrants.Where(g => g.OrganizationId == organizationId && kinds.Contains(g.Kind) && g.Remaining > 0 && g.ExpiresAt > now).LoadAsync(ct);
        return db.CreditGrants.Local
            .Where(g => g.OrganizationId == organizationId && kinds.Contains(g.Kind) && g.Remaining > 0 && g.ExpiresAt > now && g.StartsAt <= now)
            .OrderBy(g => g.ExpiresAt).ThenBy(g => g.CreatedAt).ToList();
    }
}
