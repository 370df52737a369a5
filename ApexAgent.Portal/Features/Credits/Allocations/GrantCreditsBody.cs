namespace ApexAgent.Portal.Features.Credits;

/// <summary>POST /api/v1/admin/credits/grants: credits as a decimal number (up to three decimals), a reason of 10–300 characters, an optional expiry (default 90 days).</summary>
public sealed record GrantCreditsBody(Guid OrganizationId, decimal Credits, string? Reason, DateTimeOffset? ExpiresAt);
