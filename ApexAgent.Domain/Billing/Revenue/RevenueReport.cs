using ApexAgent.Domain.Common;

namespace ApexAgent.Domain.Billing.Revenue;

/// <summary>
/// Subscription revenue at a moment: monthly and annual recurring revenue, the paying organisations and their split by tier,
/// and the months leading up to it (oldest first, the current month last).
/// </summary>
/// <param name="Mrr">Monthly recurring revenue: the sum of every organisation's latest recurring revenue.</param>
/// <param name="Arr">Annual recurring revenue: exactly twelve times <paramref name="Mrr"/>.</param>
/// <param name="PayingOrganizations">Organisations whose latest recurring revenue is above zero.</param>
/// <param name="ByTier">Paying organisations by their latest tier (only tiers that have some), Free to Enterprise.</param>
/// <param name="Months">The reported calendar months (UTC), oldest first, ending with the current month.</param>
public sealed record RevenueReport(
    Money Mrr,
    Money Arr,
    int PayingOrganizations,
    IReadOnlyList<TierShare> ByTier,
    IReadOnlyList<RevenueMonth> Months);
