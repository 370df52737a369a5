using ApexAgent.Domain.Common;

namespace ApexAgent.Domain.Credits;

/// <summary>
/// One line of the append-only credit ledger. <see cref="Change"/> is signed; the balance is the sum of all changes.
/// <see cref="GrantId"/> names the grant the credits came from or went back to (null for an overdraft).
/// <see cref="Reference"/> names the cause (a usage event id, a task id); <see cref="Reverses"/> the entry undone.
/// </summary>
public sealed record LedgerEntry(
    Guid Id,
    LedgerEntryKind Kind,
    Guid? GrantId,
    Millicredits Change,
    DateTimeOffset At,
    string Reference,
    Guid? Reverses = null);
