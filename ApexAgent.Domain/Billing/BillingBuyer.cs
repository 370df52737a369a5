namespace ApexAgent.Domain.Billing;

/// <summary>Who an invoice is addressed to, copied onto it when it is finalised.</summary>
public sealed record BillingBuyer(string Name, string? Email, string? Address, string? TaxId);
