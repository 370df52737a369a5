using ApexAgent.Domain.Common;
using ApexAgent.Domain.Credits;

namespace ApexAgent.Portal.Features.Credits;

/// <summary>
/// An organisation's pool at one instant: what usage can draw on now (<see cref="Available"/>: live grants' remainders
/// less what is drawn on the overdraft), split by grant kind, and what expires next.
/// </summary>
public sealed record CreditBalance(
    Millicredits Available,
    IReadOnlyList<CreditBalance.KindPart> ByKind,
    Millicredits Overdrawn,
    Millicredits OverdraftAllowance,
    DateTimeOffset? NextExpiry,
    Millicredits ExpiringNext,
    DateTimeOffset At)
{
    public sealed record KindPart(GrantKind Kind, Millicredits Available, int Grants);
}
