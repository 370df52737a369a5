using ApexAgent.Domain.Common;
using ApexAgent.Domain.Credits;

namespace ApexAgent.Portal.Features.Credits.Usage;

/// <summary>The answer of a reversal: credits returned, the balance after, and where each part went.</summary>
public sealed record UsageReversalResponse(Guid OrganizationId, string EventId, decimal Returned, decimal Balance, IReadOnlyList<UsageReversalResponse.PartResponse> Parts)
{
    public sealed record PartResponse(Guid? GrantId, GrantKind? Kind, decimal Credits, bool ToNewGrant);

    public static UsageReversalResponse From(UsageReversal reversal) => new(
        reversal.OrganizationId,
        reversal.EventId,
        new Millicredits(reversal.Returned).Credits,
        new Millicredits(reversal.Balance).Credits,
        [.. reversal.Parts.Select(p => new PartResponse(p.GrantId, p.Kind, new Millicredits(p.Returned).Credits, p.ToNewGrant))]);
}
