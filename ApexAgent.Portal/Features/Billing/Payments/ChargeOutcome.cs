namespace ApexAgent.Portal.Features.Billing.Payments;

/// <summary>What the processor said about a charge; failures carry a stable code and a message for people.</summary>
public sealed record ChargeOutcome(ChargeStatus Status, string? ProcessorPaymentId, string? FailureCode = null, string? FailureMessage = null)
{
    public bool IsFailure => Status is ChargeStatus.Declined or ChargeStatus.Failed;
}
