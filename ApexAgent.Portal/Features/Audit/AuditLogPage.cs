namespace ApexAgent.Portal.Features.Audit;

/// <summary>One page of entries, newest first, and how many entries match in all.</summary>
public sealed record AuditLogPage(IReadOnlyList<AuditEntry> Items, int Page, int PageSize, int Total);
