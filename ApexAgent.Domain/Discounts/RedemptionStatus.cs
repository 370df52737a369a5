namespace ApexAgent.Domain.Discounts;

/// <summary>A redemption discounts its subscription's invoices while active; it ends when its periods are used up.</summary>
public enum RedemptionStatus
{
    Active = 0,
    Ended = 1,
}
