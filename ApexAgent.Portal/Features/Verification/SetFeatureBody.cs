namespace ApexAgent.Portal.Features.Verification;

/// <summary>Turn a regulated-data feature on or off.</summary>
public sealed record SetFeatureBody(bool Enabled);
