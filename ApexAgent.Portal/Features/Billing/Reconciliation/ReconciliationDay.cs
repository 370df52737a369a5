namespace ApexAgent.Portal.Features.Billing.Reconciliation;

/// <summary>A day on the staff page: its latest run (null: not reconciled yet) and how many mismatches it has, open or all.</summary>
public sealed record ReconciliationDay(DateOnly Day, ReconciliationRun? LatestRun, int Mismatches, int Open);
