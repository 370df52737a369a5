namespace ApexAgent.Portal.Features.Billing.Payments;

public sealed record ProcessorCustomer(Guid OrganizationId, string Name, string? Email);
