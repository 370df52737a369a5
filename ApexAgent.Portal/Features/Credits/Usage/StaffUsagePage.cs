namespace ApexAgent.Portal.Features.Credits.Usage;

/// <summary>A page of an organisation's usage events, newest first, with its name and available balance (millicredits).</summary>
public sealed record StaffUsagePage(Guid OrganizationId, string Name, long Available, int Total, int Page, IReadOnlyList<StaffUsageRow> Events);
