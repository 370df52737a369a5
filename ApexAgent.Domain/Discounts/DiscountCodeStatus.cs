namespace ApexAgent.Domain.Discounts;

/// <summary>Where a code stands at an instant (derived, never stored).</summary>
public enum DiscountCodeStatus
{
    Active = 0,
    Scheduled = 1,
    Paused = 2,
    Expired = 3,
    Retired = 4,
    UsedUp = 5,
}
