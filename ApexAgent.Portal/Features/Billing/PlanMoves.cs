using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Credits;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Catalog;
using ApexAgent.Portal.Features.Credits;

namespace ApexAgent.Portal.Features.Billing;

internal static class PlanMoves
{
    /// <summary>
    /// Ends a paid subscription and puts the organisation on Free from <paramref name="at"/>, in the caller's transaction.
    /// The ended plan's base credits and bonus still live at <paramref name="at"/> are clawed back (up to
    /// <paramref name="clawBack"/> of base credits when given: the prorated share a cancellation's quote showed), and
    /// Free's base credits for its first period are granted.
    /// </summary>
    public static async Task<Subscription> EndToFreeAsync(PortalDbContext db, TierCatalog catalog, Subscription subscription, DateTimeOffset at, string reason, CancellationToken ct, Millicredits? clawBack = null)
    {
        var why = reason == "nonpayment" ? "Unpaid plan ended: unused base credits taken back" : "Plan ended: unused base credits taken back";
        await PlanCredits.ClawBackAsync(db, subscription.OrganizationId, clawBack is null ? [GrantKind.Base, GrantKind.FirstPeriodBonus] : [GrantKind.Base], clawBack, why, at, ct);
        subscription.End(at, reason);
        await db.SaveChangesAsync(ct); // ended before the next one is in force: one in force per organisation
        var freeTier = await catalog.CurrentAsync(TierCode.Free, ct);
        var free = Subscription.StartFree(subscription.OrganizationId, freeTier, at);
        db.Subscriptions.Add(free);
        await PlanCredits.StartedAsync(db, free, freeTier, at, ct);
        return free;
    }
}
