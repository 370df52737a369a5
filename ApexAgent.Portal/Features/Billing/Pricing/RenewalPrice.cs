using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Data;

namespace ApexAgent.Portal.Features.Billing.Pricing;

/// <summary>
/// What the next renewal will cost before any account balance: the draft the billing run will make at the period end
/// (the plan then in force, its next period), priced by the same steps — discounts still running, tax — so "Renews on
/// … for …" on the billing page and in the reminder is what the invoice will say.
/// </summary>
public static class RenewalPrice
{
    public static async Task<Money> OfAsync(InvoicePricing pricing, PortalDbContext db, Subscription subscription, PlanPosition next, CancellationToken ct)
    {
        var at = subscription.CurrentPeriodEnd;
        var period = next.Cycle == subscription.Cycle ? BillingPeriod.Containing(subscription.BillingAnchor, next.Cycle, at) : BillingPeriod.Starting(at, next.Cycle);
        var draft = Invoice.Draft(subscription.OrganizationId, subscription.Id, InvoicePurpose.Renewal, next.Tier.Currency, period, subscription.CollectionMethod, at);
        InvoiceLines.AddPlan(draft, next, period);
        await pricing.PriceAsync(db, draft, new PricingRequest(subscription.OrganizationId, InvoicePurpose.Renewal, next, subscription.Id, Preview: true), at, ct);
        return draft.Total;
    }
}
