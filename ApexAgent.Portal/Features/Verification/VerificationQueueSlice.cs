namespace ApexAgent.Portal.Features.Verification;

/// <summary>One page of the staff review queue, and how many applications the filter matches in all.</summary>
public sealed record VerificationQueueSlice(IReadOnlyList<VerificationQueueItem> Items, int Total);
