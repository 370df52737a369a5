using ApexAgent.Domain.Credits;

namespace ApexAgent.Portal.Features.Credits.Live.Api;

/// <summary>A grant and what is left of it, in credits.</summary>
public sealed record GrantResponse(
    Guid Id,
    GrantKind Kind,
    decimal Amount,
    decimal Remaining,
    decimal Used,
    decimal Expired,
    decimal ClawedBack,
    DateTimeOffset StartsAt,
    DateTimeOffset ExpiresAt,
    string Source,
    string Description)
{
    public static GrantResponse From(Grant grant) => new(
        grant.Id,
        grant.Kind,
        grant.Amount / 1000m,
        grant.Remaining / 1000m,
        (grant.Amount - grant.Remaining - grant.Expired - grant.ClawedBack) / 1000m,
        grant.Expired / 1000m,
        grant.ClawedBack / 1000m,
        grant.StartsAt,
        grant.ExpiresAt,
        grant.Source,
        grant.Description);
}
