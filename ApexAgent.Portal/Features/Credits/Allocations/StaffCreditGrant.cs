namespace ApexAgent.Portal.Features.Credits;

/// <summary>A promotional or support grant staff give: credits (up to three decimals), a reason and an optional expiry (90 days by default).</summary>
public sealed record StaffCreditGrant(Guid OrganizationId, decimal Credits, string? Reason, DateTimeOffset? ExpiresAt);
