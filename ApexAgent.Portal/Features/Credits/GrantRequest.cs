using ApexAgent.Domain.Common;
using ApexAgent.Domain.Credits;

namespace ApexAgent.Portal.Features.Credits;

/// <summary>What <see cref="CreditBooks.GiveAsync"/> writes: a grant to one organisation's pool.</summary>
public sealed record GrantRequest(
    Guid OrganizationId,
    GrantKind Kind,
    Millicredits Amount,
    DateTimeOffset StartsAt,
    DateTimeOffset ExpiresAt,
    string Source,
    string Description,
    string? GrantedBy = null);
