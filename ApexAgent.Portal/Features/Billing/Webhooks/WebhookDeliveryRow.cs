namespace ApexAgent.Portal.Features.Billing.Webhooks;

/// <summary>One delivery as support sees it.</summary>
public sealed record WebhookDeliveryRow(string Processor, string EventId, string Type, string? ObjectId, WebhookOutcome Outcome, string? Detail,
    DateTimeOffset ReceivedAt, DateTimeOffset? ProcessedAt, Guid? OrganizationId, string? OrganizationName);
