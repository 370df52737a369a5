using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Subscriptions;

namespace ApexAgent.Portal.Features.Billing.Pricing;

/// <summary>
/// What a draft is for, as the pricing steps need it: the organisation, the plan billed (null for credit packs; for a
/// cancellation, the plan being left), the plan being left by a plan change (its unused-time line belongs to it, so a
/// discount it had applies to that credit too), the subscription (null for packs), the discount code the customer entered
/// (null: none entered — codes already redeemed still apply), and whether this is only a preview (nothing may be recorded).
/// </summary>
public sealed record PricingRequest(Guid OrganizationId, InvoicePurpose Purpose, PlanPosition? Plan, Guid? SubscriptionId, string? DiscountCode = null, bool Preview = false,
    PlanPosition? Previous = null);
