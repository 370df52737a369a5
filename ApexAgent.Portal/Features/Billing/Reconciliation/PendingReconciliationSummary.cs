namespace ApexAgent.Portal.Features.Billing.Reconciliation;

/// <summary>One pass of <see cref="PendingPaymentReconciliation"/>: settled with the processor's outcome, closed as never charged, still waiting, abandoned checkouts reconciled.</summary>
public sealed record PendingReconciliationSummary(int Settled, int Closed, int Waiting, int Checkouts);
