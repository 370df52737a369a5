namespace ApexAgent.Portal.Features.Credits.Usage;

/// <summary>
/// The answer of <c>POST /api/v1/usage/batch</c>: counts, credits deducted by this batch, the balance after it, and one
/// result per event in the order sent. <see cref="Refused"/> counts refused, invalid and failed events.
/// </summary>
public sealed record UsageBatchResponse(int Accepted, int Duplicates, int Refused, decimal Deducted, decimal Balance, IReadOnlyList<UsageBatchResult> Results);
