namespace ApexAgent.Portal.Features.Credits.Purchases;

/// <summary>What a person asks auto top-up to be.</summary>
public sealed record AutoTopUpChange(bool Enabled, long ThresholdCredits, string? Pack, int MonthlyLimit);
