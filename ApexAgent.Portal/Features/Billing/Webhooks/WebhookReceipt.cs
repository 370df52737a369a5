namespace ApexAgent.Portal.Features.Billing.Webhooks;

/// <summary>The answer to a genuine delivery: the event id and what became of it (applied, ignored, waiting).</summary>
public sealed record WebhookReceipt(string EventId, string Outcome);
