namespace ApexAgent.Portal.Features.Credits.Usage;

/// <summary>One request's events waiting for the usage writer, with the place for their outcomes and the request's wait.</summary>
internal sealed class PendingUsage(UsageSubmission[] events)
{
    public UsageSubmission[] Events { get; } = events;

    public UsageOutcome[] Outcomes { get; } = new UsageOutcome[events.Length];

    public TaskCompletionSource<UsageOutcome[]> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
