namespace ApexAgent.Portal.Features.Credits;

public sealed record OverdraftResponse(Guid OrganizationId, decimal OverdraftAllowance);
