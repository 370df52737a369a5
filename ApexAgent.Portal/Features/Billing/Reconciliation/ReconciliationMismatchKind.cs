namespace ApexAgent.Portal.Features.Billing.Reconciliation;

public enum ReconciliationMismatchKind
{
    /// <summary>The processor has a charge we have no payment for.</summary>
    MissingOnOurSide = 0,

    /// <summary>We have a payment the processor has no record of.</summary>
    MissingAtProcessor = 1,

    AmountDiffers = 2,

    StatusDiffers = 3,

    /// <summary>What we refunded of a charge differs from what the processor refunded.</summary>
    RefundDiffers = 4,
}
