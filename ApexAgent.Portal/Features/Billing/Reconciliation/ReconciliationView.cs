namespace ApexAgent.Portal.Features.Billing.Reconciliation;

/// <summary>The last 30 days (oldest first), the mismatches the filter picks (newest day first, at most 200) and the processors configured.</summary>
public sealed record ReconciliationView(IReadOnlyList<ReconciliationDay> Days, IReadOnlyList<ReconciliationMismatch> Mismatches, IReadOnlyList<string> Processors);
