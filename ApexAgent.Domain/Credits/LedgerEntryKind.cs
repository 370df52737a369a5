namespace ApexAgent.Domain.Credits;

public enum LedgerEntryKind
{
    /// <summary>Credits given by a grant (positive).</summary>
    Granted,

    /// <summary>Credits spent by usage (negative), one entry per grant a deduction drew on.</summary>
    Used,

    /// <summary>What was left of a grant when it ended (negative).</summary>
    Expired,

    /// <summary>A usage entry undone, e.g. a task that failed on our side (positive, to the same grant).</summary>
    Reversed,

    /// <summary>Granted credits taken back, e.g. after a downgrade (negative).</summary>
    ClawedBack,
}
