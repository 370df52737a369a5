namespace ApexAgent.Portal.Features.Billing.Reconciliation.Api;

/// <summary>The UTC day to compare (ISO date, within the last 400 days); yesterday when left out.</summary>
public sealed record RunReconciliationBody(string? Day);
