namespace ApexAgent.Portal.Features.Credits.Usage;

/// <summary>What became of one usage event.</summary>
public enum UsageOutcomeKind
{
    /// <summary>Priced, deducted and stored.</summary>
    Accepted,

    /// <summary>The event id was already stored: the first answer is repeated and nothing is deducted.</summary>
    Duplicate,

    /// <summary>The balance could not cover it: nothing deducted, nothing stored (it may be sent again later).</summary>
    Refused,

    /// <summary>It could not be written (a fault on our side): nothing deducted, nothing stored.</summary>
    Failed,
}
