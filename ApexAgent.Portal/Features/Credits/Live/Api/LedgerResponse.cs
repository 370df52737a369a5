namespace ApexAgent.Portal.Features.Credits.Live.Api;

/// <summary>A page of the ledger, newest first; pass <c>next</c> as <c>cursor</c> for the older page (null at the end).</summary>
public sealed record LedgerResponse(IReadOnlyList<LedgerEntryResponse> Entries, string? Next);
