using ApexAgent.Domain.Common;
using ApexAgent.Domain.Credits;

namespace ApexAgent.Portal.Features.Credits;

/// <summary>A grant as the API shows it; credits are decimal numbers with up to three decimals.</summary>
public sealed record GrantResponse(
    Guid Id, Guid OrganizationId, GrantKind Kind, decimal Credits, decimal Remaining, decimal Expired, decimal ClawedBack,
    DateTimeOffset StartsAt, DateTimeOffset ExpiresAt, string Source, string Description, string? GrantedBy, DateTimeOffset CreatedAt)
{
    public static GrantResponse From(Grant g) => new(
        g.Id, g.OrganizationId, g.Kind, new Millicredits(g.Amount).Credits, new Millicredits(g.Remaining).Credits, new Millicredits(g.Expired).Credits,
        new Millicredits(g.ClawedBack).Credits, g.StartsAt, g.ExpiresAt, g.Source, g.Description, g.GrantedBy, g.CreatedAt);
}
