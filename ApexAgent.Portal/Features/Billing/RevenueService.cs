using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Billing.Revenue;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Organizations;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Billing;

/// <summary>The platform's revenue report (MRR, ARR, tiers, monthly movements), replayed from every subscription timeline.</summary>
public sealed class RevenueService(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    public const int Months = 12;

    public async Task<Result<RevenueReport>> BuildAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.Can(Permission.BillingAnalyticsRead))
        {
            return OrganizationService.Forbidden("see revenue analytics");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var events = await db.SubscriptionEvents.AsNoTracking().Where(e => e.CurrencyCode == "USD")
            .OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new { e.OrganizationId, e.At, e.Kind, e.Tier, e.MrrBeforeMinor, e.MrrAfterMinor })
            .ToListAsync(ct);
        var changes = events.Select(e => new RevenueChange(e.OrganizationId, e.At, e.Kind, e.Tier, Money.Usd(e.MrrBeforeMinor), Money.Usd(e.MrrAfterMinor)));
        return RevenueAnalytics.Build(changes, clock.GetUtcNow(), Months, Currency.Usd);
    }
}
