using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Catalog;

namespace ApexAgent.Portal.Features.Billing;

internal static class PlanMoves
{
    /// <summary>Ends a paid subscription and puts the organisation on Free from <paramref name="at"/>, in the caller's transaction.</summary>
    public static async Task<Subscription> EndToFreeAsync(PortalDbContext db, TierCatalog catalog, Subscription subscription, DateTimeOffset at, string reason, CancellationToken ct)
    {
        subscription.End(at, reason);
        await db.SaveChangesAsync(ct); // ended before the next one is in force: one in force per organisation
        var free = Subscription.StartFree(subscription.OrganizationId, await catalog.CurrentAsync(TierCode.Free, ct), at);
        db.Subscriptions.Add(free);
        return free;
    }
}
