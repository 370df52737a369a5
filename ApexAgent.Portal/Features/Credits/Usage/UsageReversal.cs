namespace ApexAgent.Portal.Features.Credits.Usage;

/// <summary>What reversing a usage event gave back (millicredits), part by part, and the balance after.</summary>
public sealed record UsageReversal(Guid OrganizationId, string EventId, long Returned, long Balance, IReadOnlyList<UsageReversal.Part> Parts)
{
    /// <summary>
    /// One part given back: to <see cref="GrantId"/>, the grant it came from when still live, else a new refund grant
    /// (<see cref="ToNewGrant"/>); no grant for a part drawn on the overdraft.
    /// </summary>
    public sealed record Part(Guid? GrantId, Domain.Credits.GrantKind? Kind, long Returned, bool ToNewGrant);
}
