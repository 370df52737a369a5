namespace ApexAgent.Portal.Features.Discounts.Api;

/// <summary>Redemptions made on one day (UTC).</summary>
public sealed record DiscountReportDayResponse(DateOnly Day, int Count);
