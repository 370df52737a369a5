namespace ApexAgent.Portal.Features.Billing;

public enum PlanChangeKind
{
    /// <summary>From Free to a paid plan: a new subscription, its first period charged now.</summary>
    Subscribe,
    Upgrade,
    Downgrade,
    SeatsIncrease,
    SeatsDecrease,
    CycleChange,

    /// <summary>Back to Free: the paid subscription ends (at the period end unless asked for now).</summary>
    Cancel,
}
