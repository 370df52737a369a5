using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Catalog;
using ApexAgent.Portal.Features.Credits;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace ApexAgent.Portal.Features.Subscriptions;

/// <summary>
/// Starts the next period of free subscriptions whose period has ended (a free plan renews itself; paid renewals
/// are the billing engine's). Periods are counted from the subscription's billing anchor.
/// </summary>
[DisallowConcurrentExecution]
public sealed class FreePeriodRenewalJob(IDbContextFactory<PortalDbContext> dbFactory, TierCatalog catalog, AccountSnapshots snapshots, TimeProvider clock) : IJob
{
    public static readonly JobKey Key = new("free-period-renewal");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await RenewAsync(cancellationToken);

    public async Task<int> RenewAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lapsed = await db.Subscriptions
            .Where(s => s.Status == SubscriptionStatus.Active && s.CurrentPeriodEnd <= now)
            .OrderBy(s => s.CurrentPeriodEnd)
            .Take(500)
            .ToListAsync(ct);
        var renewed = new List<Guid>();
        var credits = new List<GrantRequest>();
        foreach (var subscription in lapsed)
        {
            var tier = await catalog.VersionAsync(subscription.Tier, subscription.TierVersion, ct);
            if (tier.IsFree && subscription.RollPeriodForward(now))
            {
                renewed.Add(subscription.OrganizationId);
                if (PlanCredits.BaseOf(subscription, tier) is { } baseCredits)
                {
                    credits.Add(baseCredits); // the new Free period's base credits, saved with the period
                }
            }
        }

        await CreditBooks.GiveManyAsync(db, credits, now, ct);
        await db.SaveChangesAsync(ct);
        renewed.ForEach(snapshots.ForgetOrganization);
        return renewed.Count;
    }
}
