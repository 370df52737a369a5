using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Subscriptions;

namespace ApexAgent.Portal.Features.Billing;

/// <summary>
/// The plan to move to. <see cref="Seats"/> counts for per-seat tiers only. A downgrade waits for the period end unless
/// <see cref="ApplyNow"/>; upgrades and cycle changes always apply at once. <see cref="DiscountCode"/> is a code the customer
/// entered at checkout or with the change (null: none).
/// </summary>
public sealed record PlanChangeRequest(TierCode Tier, BillingCycle Cycle, int Seats = 1, bool ApplyNow = false, string? DiscountCode = null);
