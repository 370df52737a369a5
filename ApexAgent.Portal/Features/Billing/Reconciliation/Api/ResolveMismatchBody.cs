namespace ApexAgent.Portal.Features.Billing.Reconciliation.Api;

/// <summary>What was done about a mismatch (3 to 1000 characters; audited).</summary>
public sealed record ResolveMismatchBody(string? Note);
