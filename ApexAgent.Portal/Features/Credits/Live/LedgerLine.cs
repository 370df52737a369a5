using ApexAgent.Domain.Common;
using ApexAgent.Domain.Credits;

namespace ApexAgent.Portal.Features.Credits.Live;

/// <summary>
/// One ledger entry as people read it: what moved, and for usage which grant paid ("agent.step — 3 credits from Daily
/// refresh Nov 25").
/// </summary>
public sealed record LedgerLine(
    long Id,
    LedgerEntryKind Kind,
    Millicredits Change,
    DateTimeOffset At,
    Guid? GrantId,
    GrantKind? GrantKind,
    string? GrantDescription,
    long? UsageEventId,
    string? UserId,
    long? Reverses,
    string Note)
{
    /// <summary>The sentence the ledger table and the API show.</summary>
    public string Description
    {
        get
        {
            var amount = new Millicredits(Math.Abs(Change.Value)).Format();
            var grant = GrantDescription is { Length: > 0 } named ? named : GrantKind is { } kind ? GrantKinds.Label(kind) : null;
            return Kind switch
            {
                LedgerEntryKind.Used when GrantId is null => $"{Note} — {amount} from the overdraft allowance",
                LedgerEntryKind.Used => $"{Note} — {amount} from {grant}",
                LedgerEntryKind.Granted => $"{amount} granted: {grant ?? Note}",
                LedgerEntryKind.Expired => $"{amount} expired unused from {grant ?? Note}",
                LedgerEntryKind.Reversed => $"{amount} refunded{(grant is null ? "" : $" to {grant}")}{(Note.Length > 0 ? $" ({Note})" : "")}",
                LedgerEntryKind.ClawedBack => $"{amount} taken back from {grant}{(Note.Length > 0 ? $" ({Note})" : "")}",
                _ => Note,
            };
        }
    }
}
