namespace ApexAgent.Portal.Features.Audit;

/// <summary>One audited change found among the changes being saved, before it is placed in its chain.</summary>
/// <param name="Actor">Who the entry names as acting, when not the person of the current request (support views name both).</param>
internal sealed record AuditedChange(
    string Action,
    Guid? OrganizationId,
    string EntityType,
    string EntityId,
    string? Before,
    string? After,
    string? Reason = null,
    AuditActor? Actor = null);
