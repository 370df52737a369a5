namespace ApexAgent.Portal.Features.Billing.Payments;

/// <summary>What the processor said about a pending charge; <see cref="Outcome"/> is set when it reported one.</summary>
public sealed record PendingLookup(PendingLookupResult Result, ChargeOutcome? Outcome);
