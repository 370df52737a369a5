namespace ApexAgent.Portal.Features.Credits.Usage;

/// <summary>The body of <c>POST /api/v1/admin/credits/usage/reverse</c>.</summary>
public sealed record ReverseUsageRequest(Guid OrganizationId, string? EventId, string? Reason);
