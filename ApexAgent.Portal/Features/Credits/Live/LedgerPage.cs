namespace ApexAgent.Portal.Features.Credits.Live;

/// <summary>Ledger lines, newest first, and the cursor of the next (older) page, null at the end.</summary>
public sealed record LedgerPage(IReadOnlyList<LedgerLine> Lines, long? Next);
