using ApexAgent.Domain.Credits;

namespace ApexAgent.Portal.Features.Credits.Live;

/// <summary>A page of the ledger, newest first: entries older than <see cref="Before"/> (an entry id), optionally of one kind and within [From, To).</summary>
public sealed record LedgerQuery(long? Before, int Limit, LedgerEntryKind? Kind, DateTimeOffset? From, DateTimeOffset? To)
{
    public const int DefaultLimit = 50;
    public const int LargestLimit = 200;
}
