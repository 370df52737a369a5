namespace ApexAgent.Domain.Billing;

public enum PlanChangeTiming
{
    /// <summary>Upgrades, cycle changes, and downgrades the customer asks to apply at once.</summary>
    Now,

    /// <summary>The default for downgrades: nothing changes, and nothing is charged, until the period ends.</summary>
    AtPeriodEnd,
}
