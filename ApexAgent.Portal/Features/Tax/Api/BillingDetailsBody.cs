namespace ApexAgent.Portal.Features.Tax.Api;

/// <summary>PUT /api/v1/billing/details: every field is replaced (omit or null to clear). customerType: business or individual.</summary>
public sealed record BillingDetailsBody(string? BillingName, string? BillingEmail, string? Address, string? Country, string? Region, string? PostalCode, string? CustomerType, string? TaxId);
