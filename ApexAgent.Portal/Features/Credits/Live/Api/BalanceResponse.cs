using ApexAgent.Domain.Credits;

namespace ApexAgent.Portal.Features.Credits.Live.Api;

/// <summary>The pool's balance now; credits are decimal numbers of credits (up to three decimals).</summary>
public sealed record BalanceResponse(
    decimal Available,
    IReadOnlyList<BalanceResponse.KindBalance> ByKind,
    decimal Overdrawn,
    decimal OverdraftAllowance,
    BalanceResponse.Expiry? NextExpiry,
    DateTimeOffset At)
{
    public static BalanceResponse From(CreditBalance balance) => new(
        balance.Available.Credits,
        [.. balance.ByKind.Select(k => new KindBalance(k.Kind, k.Available.Credits, k.Grants))],
        balance.Overdrawn.Credits,
        balance.OverdraftAllowance.Credits,
        balance.NextExpiry is { } at ? new Expiry(at, balance.ExpiringNext.Credits) : null,
        balance.At);

    public sealed record KindBalance(GrantKind Kind, decimal Available, int Grants);

    public sealed record Expiry(DateTimeOffset At, decimal Credits);
}
