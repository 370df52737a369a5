using ApexAgent.Domain.Common;
using ApexAgent.Domain.Discounts;

namespace ApexAgent.Portal.Features.Discounts;

/// <summary>
/// A code's report: redemptions per day, the revenue it discounted (the sum of its lines on finalised invoices, per
/// currency), and retention — of the redemptions whose discount ended at least one billing period ago, how many
/// organisations still have a paid subscription.
/// </summary>
public sealed record DiscountCodeReport(
    DiscountCode Code,
    DiscountCodeStatus Status,
    int Redemptions,
    IReadOnlyList<(DateOnly Day, int Count)> RedemptionsByDay,
    IReadOnlyList<Money> RevenueDiscounted,
    int EndedAtLeastAPeriodAgo,
    int Retained,
    IReadOnlyList<DiscountRedemptionRow> Rows)
{
    public decimal? RetentionRate => EndedAtLeastAPeriodAgo == 0 ? null : (decimal)Retained / EndedAtLeastAPeriodAgo;
}
