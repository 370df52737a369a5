namespace ApexAgent.Domain.Discounts;

/// <summary>How long a redeemed code keeps discounting: the first invoice only, a number of billing periods, or for as long as the subscription lasts.</summary>
public enum DiscountDuration
{
    Once = 0,
    Repeating = 1,
    Forever = 2,
}
