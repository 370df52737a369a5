using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Discounts;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Discounts;

/// <summary>
/// Finds the code discounting a subscription now, as its redemption says (ADR 0022): an active redemption — or one
/// that ended during the current period, whose last discounted period this is — of a money-off code for the plan the
/// subscription is on, whose first invoice was not abandoned. Gone once the period after its last one starts.
/// </summary>
public static class ActiveDiscounts
{
    public static async Task<ActiveDiscount?> ForAsync(PortalDbContext db, Subscription subscription, CancellationToken ct)
    {
        var rows = await (from r in db.DiscountRedemptions.AsNoTracking()
                          join c in db.DiscountCodes.AsNoTracking() on r.DiscountCodeId equals c.Id
                          where r.OrganizationId == subscription.OrganizationId && r.SubscriptionId == subscription.Id && c.Kind != DiscountKind.Credits
                                && db.Invoices.Any(i => i.Id == r.FirstInvoiceId && i.Status != InvoiceStatus.Void)
                          select new { r, c }).ToListAsync(ct);
        var current = rows
            .Where(x => x.r.Status == RedemptionStatus.Active || x.r.EndedAt >= subscription.CurrentPeriodStart)
            .Where(x => x.c.AppliesTo(subscription.Tier) && x.c.AppliesTo(subscription.Cycle))
            .OrderByDescending(x => x.r.Status == RedemptionStatus.Active).ThenByDescending(x => x.r.RedeemedAt)
            .FirstOrDefault();
        return current is null ? null : Of(current.r, current.c, subscription);
    }

    public static ActiveDiscount Of(DiscountRedemption redemption, DiscountCode code, Subscription subscription)
    {
        ArgumentNullException.ThrowIfNull(redemption);
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(subscription);
        int? left = redemption.Status == RedemptionStatus.Ended || code.Duration == DiscountDuration.Once ? 0
            : code.Duration == DiscountDuration.Repeating ? Math.Max(0, (code.Periods ?? 1) - redemption.PeriodsUsed)
            : null;
        if (subscription.CancelAtPeriodEnd)
        {
            left = 0; // the subscription ends with this period, and the discount with it
        }

        DateTimeOffset? ends = null;
        if (left is { } more)
        {
            var end = subscription.CurrentPeriodEnd;
            for (var i = 0; i < more; i++)
            {
                end = BillingPeriod.Containing(subscription.BillingAnchor, subscription.Cycle, end).End;
            }

            ends = end;
        }

        return new ActiveDiscount(code.Code, code.Offer(), code.Kind, code.PercentOff, code.AmountOffMinor, code.CurrencyCode, code.Duration, left, ends, subscription.Cycle);
    }
}
