using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Billing.Revenue;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Data;

namespace ApexAgent.Portal.Features.Billing;

/// <summary>Adds steps to an organisation's subscription timeline, with the recurring revenue before and after.</summary>
internal static class SubscriptionTimeline
{
    public static PlanPosition PositionOf(Subscription subscription, Tier tier) =>
        new(tier, subscription.Cycle, subscription.Seats)
        {
            ContractPrice = subscription.ContractPriceMinor is { } price ? new Money(price, tier.Currency) : null,
        };

    /// <summary>The monthly recurring revenue of a plan (nothing for Free or an ended subscription).</summary>
    public static Money Mrr(PlanPosition? position) =>
        position is null || (position.Tier.IsFree && position.ContractPrice is null)
            ? Money.Zero(position?.Tier.Currency ?? Currency.Usd)
            : MonthlyRecurringRevenue.Of(position.PricePerPeriod, position.Cycle);

    public static SubscriptionEvent Record(
        PortalDbContext db,
        Subscription subscription,
        SubscriptionChangeKind kind,
        DateTimeOffset at,
        PlanPosition? before,
        PlanPosition? after,
        BillingActor? actor,
        Money? amount = null,
        Guid? invoiceId = null,
        string? note = null)
    {
        var change = new SubscriptionEvent
        {
            Id = Guid.CreateVersion7(at),
            OrganizationId = subscription.OrganizationId,
            SubscriptionId = subscription.Id,
            At = at,
            Kind = kind,
            Tier = after?.Tier.Code ?? TierCode.Free,
            ActorUserId = actor?.UserId,
            ActorName = actor?.Name ?? "ApexAgent billing",
            From = before?.Describe(),
            To = after?.Describe(),
            MrrBeforeMinor = Mrr(before).Minor,
            MrrAfterMinor = Mrr(after).Minor,
            AmountMinor = amount?.Minor,
            CurrencyCode = (amount?.Currency ?? after?.Tier.Currency ?? before?.Tier.Currency ?? Currency.Usd).Code,
            InvoiceId = invoiceId,
            Note = note,
        };
        db.SubscriptionEvents.Add(change);
        return change;
    }
}
