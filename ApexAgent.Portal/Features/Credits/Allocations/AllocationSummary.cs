namespace ApexAgent.Portal.Features.Credits;

/// <summary>What one allocation pass did: grants given (base credits found missing, daily refreshes) and grants written off.</summary>
public sealed record AllocationSummary(int BaseGranted, int DailyGranted, int GrantsExpired, long MillicreditsWrittenOff);
