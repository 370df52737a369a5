namespace ApexAgent.Portal.Features.Audit;

/// <summary>
/// Which entries to list: filters (exact action, part of the actor's email or id, an instant range with an
/// inclusive start and exclusive end), a zero-based page, and for platform admins another organisation's log
/// (<see cref="Domain.Compliance.AuditChain.Platform"/> for the platform's) or every log at once.
/// </summary>
public sealed record AuditLogQuery(
    string? Action = null,
    string? Actor = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int Page = 0,
    int PageSize = 25,
    Guid? OrganizationId = null,
    bool AllOrganizations = false);
