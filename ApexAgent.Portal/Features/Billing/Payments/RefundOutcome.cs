namespace ApexAgent.Portal.Features.Billing.Payments;

public sealed record RefundOutcome(bool Succeeded, string? ProcessorRefundId, string? FailureMessage = null);
