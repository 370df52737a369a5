using ApexAgent.Domain.Discounts;

namespace ApexAgent.Portal.Features.Discounts;

/// <summary>A code as staff see it in the list: its terms, status now and live redemptions.</summary>
public sealed record DiscountCodeSummary(DiscountCode Code, DiscountCodeStatus Status, int Redemptions);
