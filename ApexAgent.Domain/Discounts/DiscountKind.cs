namespace ApexAgent.Domain.Discounts;

/// <summary>What a discount code gives: a percentage off, a fixed amount off (in the code's currency), or credits instead of money.</summary>
public enum DiscountKind
{
    Percent = 0,
    FixedAmount = 1,
    Credits = 2,
}
