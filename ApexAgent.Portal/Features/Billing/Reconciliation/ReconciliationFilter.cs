namespace ApexAgent.Portal.Features.Billing.Reconciliation;

public sealed record ReconciliationFilter(DateOnly? Day = null, ReconciliationMismatchKind? Kind = null, string? Processor = null, bool IncludeResolved = false);
