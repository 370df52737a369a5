using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Catalog;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Subscriptions;

/// <summary>
/// Puts an organisation straight onto the current version of a tier, without billing: the demo data uses it
/// until the billing engine owns plan changes. The new subscription starts now, at the tier's minimum seats.
/// </summary>
public sealed class DirectPlacement(IDbContextFactory<PortalDbContext> dbFactory, TierCatalog catalog, AccountSnapshots snapshots, TimeProvider clock)
{
    public async Task PlaceAsync(Guid organizationId, TierCode code, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Subscriptions.InForce().AnyAsync(s => s.OrganizationId == organizationId && s.Tier == code, ct))
        {
            return;
        }

        var tier = await catalog.CurrentAsync(code, ct);
        var cycle = tier.Offers(BillingCycle.Monthly) ? BillingCycle.Monthly : BillingCycle.Annual;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var replaced in await db.Subscriptions.InForce().Where(s => s.OrganizationId == organizationId).ToListAsync(ct))
        {
            replaced.End(now, "replaced");
        }

        await Credits.PlanCredits.ReplacedAsync(db, organizationId, now, ct);
        await db.SaveChangesAsync(ct); // the old one ends before the new one is in force (one in force per organisation)
        var subscription = Subscription.Start(organizationId, tier, cycle, tier.Terms.MinSeats, SubscriptionStatus.Active, now);
        db.Subscriptions.Add(subscription);
        await Credits.PlanCredits.StartedAsync(db, subscription, tier, now, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        snapshots.ForgetOrganization(organizationId);
    }
}
