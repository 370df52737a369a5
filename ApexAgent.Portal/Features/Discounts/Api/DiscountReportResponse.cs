using ApexAgent.Portal.Api;

namespace ApexAgent.Portal.Features.Discounts.Api;

/// <summary>A code's report: redemptions (total and per day), revenue discounted per currency, and retention after the discount ended.</summary>
public sealed record DiscountReportResponse(
    DiscountCodeResponse Code,
    int Redemptions,
    IReadOnlyList<DiscountReportDayResponse> RedemptionsByDay,
    IReadOnlyList<ApiMoney> RevenueDiscounted,
    int EndedAtLeastAPeriodAgo,
    int Retained,
    decimal? RetentionRate)
{
    public static DiscountReportResponse From(DiscountCodeReport report) =>
        new(DiscountCodeResponse.From(new DiscountCodeSummary(report.Code, report.Status, report.Redemptions)), report.Redemptions,
            report.RedemptionsByDay.Select(d => new DiscountReportDayResponse(d.Day, d.Count)).ToList(), report.RevenueDiscounted.Select(ApiMoney.From).ToList(),
            report.EndedAtLeastAPeriodAgo, report.Retained, report.RetentionRate is { } rate ? decimal.Round(rate, 4) : null);
}
