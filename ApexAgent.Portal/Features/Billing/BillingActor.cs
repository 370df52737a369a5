namespace ApexAgent.Portal.Features.Billing;

/// <summary>Who made a billing change, as the timeline shows it.</summary>
public sealed record BillingActor(string UserId, string Name);
