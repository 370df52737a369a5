namespace ApexAgent.Portal.Features.Credits.Usage;

/// <summary>The body of <c>POST /api/v1/usage/batch</c>: 1 to 1,000 events, each atomic on its own.</summary>
public sealed record UsageBatchRequest(IReadOnlyList<UsageRequest?>? Events);
