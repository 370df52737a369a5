namespace ApexAgent.Portal.Features.Billing;

public sealed record TransferRequest(string? Reference);
