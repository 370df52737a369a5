namespace ApexAgent.Portal.Features.Billing.Payments;

public enum PendingLookupResult
{
    /// <summary>The payment is not (or no longer) a pending charge.</summary>
    NotPending,

    /// <summary>The processor reported a final outcome (paid, declined, failed, requires action): settle it.</summary>
    Found,

    /// <summary>The processor is still working on it, or has not seen it yet but it is too young to close: ask again later.</summary>
    StillPending,

    /// <summary>The processor never saw it after the close-after time: closed as failed, nothing was charged.</summary>
    ClosedNotCharged,

    /// <summary>The processor did not answer: ask again later.</summary>
    ProcessorUnavailable,
}
