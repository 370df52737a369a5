using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Notifications;
using ApexAgent.Portal.Features.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Billing.Payments;

/// <summary>
/// Tells an organisation's owners and admins about saved cards that are about to expire or have expired: once per
/// card and expiry (a card updated with a new expiry is told about again), <see cref="NoticeDays"/> days before the end
/// of its expiry month and once more when it has expired. Also says whether the default card expires before the next
/// renewal, for the billing overview's warning.
/// </summary>
public sealed class ExpiringCardNotices(IDbContextFactory<PortalDbContext> dbFactory, NotificationCenter notices, TimeProvider clock)
{
    public const int NoticeDays = 30;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var horizon = now.AddDays(NoticeDays);

        // Cards whose expiry month ends within the horizon (or ended): ExpYear*12+ExpMonth at most the horizon's month.
        var lastMonth = horizon.Year * 12 + horizon.Month - 1;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var candidates = await db.PaymentMethods.AsNoTracking()
            .Where(m => m.Type == "card" && m.ExpYear > 0 && m.ExpMonth >= 1 && m.ExpMonth <= 12 && m.ExpYear * 12 + m.ExpMonth <= lastMonth)
            .ToListAsync(ct);
        var sent = 0;
        foreach (var card in candidates)
        {
            var expired = card.ExpiredAt(now);
            if (!expired && !card.ExpiredAt(horizon))
            {
                continue;
            }

            var expiry = $"{card.ExpMonth:D2}/{card.ExpYear}";
            var key = $"card_{(expired ? "expired" : "expiring")}:{card.Id:N}:{card.ExpYear}{card.ExpMonth:D2}";
            var before = db.ChangeTracker.Entries<Notification>().Count();
            await notices.StageAsync(db, card.OrganizationId, expired
                ? new BillingNotice("billing.card_expired", key, $"{card.Describe()} has expired",
                    $"{card.Describe()} expired at the end of {expiry}, so it can no longer be charged. Add a new card or update this one to keep your plan running.", "/billing/payment-methods")
                : new BillingNotice("billing.card_expiring", key, $"{card.Describe()} expires soon",
                    $"{card.Describe()} expires at the end of {expiry}. Add a new card or update this one before then, so that renewals keep going through.", "/billing/payment-methods"), ct);
            sent += db.ChangeTracker.Entries<Notification>().Count() > before ? 1 : 0;
        }

        await db.SaveChangesAsync(ct);
        return sent;
    }

    /// <summary>A warning when the organisation's default card expires before its next automatic renewal; else null.</summary>
    public async Task<string?> DefaultCardWarningAsync(Guid organizationId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var card = await (from a in db.BillingAccounts
                          where a.OrganizationId == organizationId
                          join m in db.PaymentMethods on a.DefaultPaymentMethodId equals m.Id
                          select m).AsNoTracking().FirstOrDefaultAsync(ct);
        if (card is not { Type: "card", ExpMonth: >= 1 and <= 12, ExpYear: > 0 })
        {
            return null;
        }

        var renewal = await db.Subscriptions.AsNoTracking().InForce()
            .Where(s => s.OrganizationId == organizationId && s.Tier != TierCode.Free && !s.CancelAtPeriodEnd && s.CollectionMethod == CollectionMethod.ChargeAutomatically)
            .Select(s => (DateTimeOffset?)s.CurrentPeriodEnd).FirstOrDefaultAsync(ct);
        if (renewal is null || !card.ExpiredAt(renewal.Value))
        {
            return null;
        }

        return card.ExpiredAt(clock.GetUtcNow())
            ? $"Your default card, {card.Describe()}, has expired. Add a new card before your plan renews."
            : $"Your default card, {card.Describe()}, expires at the end of {card.ExpMonth:D2}/{card.ExpYear}, before your plan renews. Add a new card or update it.";
    }
}
