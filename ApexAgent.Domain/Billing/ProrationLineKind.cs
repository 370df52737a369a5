namespace ApexAgent.Domain.Billing;

public enum ProrationLineKind
{
    /// <summary>Credit for the unused time of the plan being left (negative).</summary>
    UnusedTime,

    /// <summary>Charge for the remaining time on the new plan (positive).</summary>
    RemainingTime,

    /// <summary>Charge for a whole new period, when the billing cycle changes (positive).</summary>
    NewPeriod,
}
