using ApexAgent.Domain.Credits;

namespace ApexAgent.Portal.Features.Credits.Live.Api;

/// <summary>One ledger entry; <c>change</c> is signed credits, <c>description</c> names the grant that paid.</summary>
public sealed record LedgerEntryResponse(
    long Id,
    LedgerEntryKind Kind,
    decimal Change,
    DateTimeOffset At,
    Guid? GrantId,
    GrantKind? GrantKind,
    string? GrantDescription,
    long? UsageEventId,
    string? UserId,
    long? Reverses,
    string Note,
    string Description)
{
    public static LedgerEntryResponse From(LedgerLine line) => new(
        line.Id, line.Kind, line.Change.Credits, line.At, line.GrantId, line.GrantKind, line.GrantDescription,
        line.UsageEventId, line.UserId, line.Reverses, line.Note, line.Description);
}
