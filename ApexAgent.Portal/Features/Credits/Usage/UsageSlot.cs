namespace ApexAgent.Portal.Features.Credits.Usage;

/// <summary>One event of a pending request, as the writer walks a batch in arrival order.</summary>
internal readonly record struct UsageSlot(PendingUsage Item, int Index)
{
    public UsageSubmission Usage => Item.Events[Index];
}
