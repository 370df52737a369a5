namespace ApexAgent.Domain.Credits;

/// <summary>
/// Where credits come from. The order of the values is the burn order between grants that expire at the same
/// moment (PRODUCT.md: daily before bonus before base before purchased before promotional); department allocations,
/// which PRODUCT.md does not place, burn right after base credits, being base credits handed down.
/// </summary>
public enum GrantKind
{
    DailyRefresh = 0,
    FirstPeriodBonus = 1,
    Base = 2,
    DepartmentAllocation = 3,
    Purchased = 4,
    Promotional = 5,
}
