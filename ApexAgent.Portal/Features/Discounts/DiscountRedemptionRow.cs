using ApexAgent.Domain.Discounts;

namespace ApexAgent.Portal.Features.Discounts;

/// <summary>One redemption in a code's report and CSV.</summary>
public sealed record DiscountRedemptionRow(Guid OrganizationId, string Organization, Guid SubscriptionId, DateTimeOffset RedeemedAt, int PeriodsUsed, RedemptionStatus Status,
    DateTimeOffset? EndedAt, long DiscountedMinor, string Currency, bool Retained);
