using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Subscriptions;

namespace ApexAgent.Portal.Features.Billing.Api;

/// <summary>
/// <c>{ "tier": "team", "cycle": "monthly", "seats": 3, "applyNow": false }</c>. Seats count for per-seat tiers (Team,
/// Enterprise) and default to 1; applyNow makes a downgrade take effect at once instead of at the period end; discountCode is
/// a code the customer entered (case-insensitive; refused with a discount_code_* problem when it cannot apply).
/// </summary>
public sealed record PlanChangeBody(TierCode? Tier, BillingCycle? Cycle, int? Seats, bool? ApplyNow, string? DiscountCode = null);
