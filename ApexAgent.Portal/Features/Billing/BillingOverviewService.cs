using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Billing.Payments;
using ApexAgent.Portal.Features.Catalog;
using ApexAgent.Portal.Features.Discounts;
using ApexAgent.Portal.Features.Organizations;
using ApexAgent.Portal.Features.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Billing;

public sealed class BillingOverviewService(IDbContextFactory<PortalDbContext> dbFactory, TierCatalog catalog, TimeProvider clock, Pricing.InvoicePricing pricing)
{
    public async Task<Result<BillingOverview>> GetAsync(Actor actor, int timeline, CancellationToken ct)
    {
        if (!actor.Can(Permission.BillingRead))
        {
            return OrganizationService.Forbidden("see billing");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var subscription = await db.Subscriptions.AsNoTracking().InForce().FirstAsync(s => s.OrganizationId == actor.OrganizationId, ct);
        var tier = await catalog.VersionAsync(subscription.Tier, subscription.TierVersion, ct);
        var position = SubscriptionTimeline.PositionOf(subscription, tier);
        var currency = tier.Currency;
        var account = await db.BillingAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.OrganizationId == actor.OrganizationId, ct);
        var method = account?.DefaultPaymentMethodId is { } id ? await db.PaymentMethods.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct) : null;
        var open = await db.Invoices.Where(i => i.OrganizationId == actor.OrganizationId && i.Status == InvoiceStatus.Open).SumAsync(i => i.TotalMinor - i.AmountPaidMinor, ct);
        var balance = await BillingBooks.BalanceAsync(db, actor.OrganizationId, currency, ct);
        var events = await db.SubscriptionEvents.AsNoTracking().Where(e => e.OrganizationId == actor.OrganizationId)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(timeline).ToListAsync(ct);

        string? scheduled = null;
        var next = position;
        if (subscription is { ScheduledTier: { } code, ScheduledTierVersion: { } version, ScheduledCycle: { } cycle, ScheduledSeats: { } seats })
        {
            next = new PlanPosition(await catalog.VersionAsync(code, version, ct), cycle, seats);
            scheduled = $"Moves to {next.Describe()} on {BillingDates.Day(subscription.CurrentPeriodEnd, await BillingDates.OfAsync(db, actor.OrganizationId, ct))}";
        }

        var renews = !tier.IsFree && !subscription.CancelAtPeriodEnd && subscription.Status == SubscriptionStatus.Active;
        return new BillingOverview(
            subscription.Id, subscription.Tier, position.Describe(), subscription.Cycle, subscription.Seats, subscription.Status, subscription.CurrentPeriod,
            position.PricePerPeriod, SubscriptionTimeline.Mrr(position), subscription.CancelAtPeriodEnd, scheduled, subscription.CollectionMethod,
            subscription.ContractPriceMinor is not null, balance, new Money(open, currency),
            renews ? await Pricing.RenewalPrice.OfAsync(pricing, db, subscription, next, ct) : null, renews ? subscription.CurrentPeriodEnd : null,
            method is null ? null : PaymentMethodView.Of(method, true, clock.GetUtcNow()), events)
        {
            Discount = tier.IsFree ? null : await ActiveDiscounts.ForAsync(db, subscription, ct),
        };
    }
}
