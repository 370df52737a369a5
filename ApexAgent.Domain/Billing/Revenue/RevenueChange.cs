using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Common;

namespace ApexAgent.Domain.Billing.Revenue;

/// <summary>
/// One change in an organisation's subscription timeline: when, what kind, the tier it left the organisation on, and the
/// organisation's monthly recurring revenue just before and just after it (zero on Free or when canceled).
/// </summary>
public sealed record RevenueChange(
    Guid OrganizationId,
    DateTimeOffset At,
    SubscriptionChangeKind Kind,
    TierCode Tier,
    Money RecurringRevenueBefore,
    Money RecurringRevenueAfter);
