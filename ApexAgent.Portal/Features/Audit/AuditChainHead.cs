using ApexAgent.Domain.Compliance;

namespace ApexAgent.Portal.Features.Audit;

/// <summary>
/// The last entry of one chain, updated in the same transaction as every entry appended to it: verification compares
/// it with the last stored entry, which shows entries deleted from the end.
/// </summary>
public sealed class AuditChainHead
{
    public Guid ChainId { get; set; }

    public long LastSequence { get; set; }

    public string LastHash { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }

    public AuditChainTip ToTip() => new(LastSequence, LastHash);
}
