using ApexAgent.Domain.Common;

namespace ApexAgent.Domain.Credits;

/// <summary>
/// Credits given at once, usable from <see cref="StartsAt"/> until <see cref="ExpiresAt"/> (exclusive).
/// <see cref="Source"/> names what gave them (e.g. <c>base:sub_…:2026-11</c>); one grant per source.
/// </summary>
public sealed record CreditGrant(Guid Id, GrantKind Kind, Millicredits Amount, DateTimeOffset StartsAt, DateTimeOffset ExpiresAt, string Source)
{
    public bool IsUsableAt(DateTimeOffset now) => StartsAt <= now && now < ExpiresAt;

    public Error? Validate() =>
        Amount <= Millicredits.Zero ? new Error("grant_not_positive", "A grant gives a positive number of credits.")
        : ExpiresAt <= StartsAt ? new Error("grant_expires_before_it_starts", "A grant must expire after it starts.")
        : string.IsNullOrWhiteSpace(Source) ? new Error("grant_without_source", "A grant names what gave it.")
        : null;
}
