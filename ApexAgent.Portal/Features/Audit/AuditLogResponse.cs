namespace ApexAgent.Portal.Features.Audit;

/// <summary>One page of the audit log; <see cref="Page"/> counts from 1.</summary>
public sealed record AuditLogResponse(IReadOnlyList<AuditEntryResponse> Items, int Page, int PageSize, int Total);
