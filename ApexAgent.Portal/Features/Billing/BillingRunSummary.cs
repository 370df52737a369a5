namespace ApexAgent.Portal.Features.Billing;

/// <summary>What one billing run did.</summary>
public sealed record BillingRunSummary(int Renewed, int Paid, int Failed, int FellBackToFree, int RenewalNotices);
