namespace ApexAgent.Portal.Features.Billing.Payments;

/// <summary>The outcome of one attempt; <see cref="Outcome"/> is null when no charge was made (no method, or another run holds it).</summary>
public sealed record PaymentAttemptResult(ChargeOutcome? Outcome, string? RefusalCode = null, string? RefusalMessage = null)
{
    public bool Succeeded => Outcome?.Status == ChargeStatus.Succeeded;
}
