using ApexAgent.Domain.Common;

namespace ApexAgent.Portal.Features.Billing.Webhooks;

/// <summary>A dispute as staff and the invoice page show it.</summary>
public sealed record DisputeRow(Guid Id, Guid OrganizationId, string? OrganizationName, Guid InvoiceId, string? InvoiceNumber, string Processor, string ProcessorDisputeId,
    Money Amount, string Reason, DisputeStatus Status, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt);
