namespace ApexAgent.Portal.Features.Notifications;

/// <summary>One event to tell people about; <see cref="DedupeKey"/> names the event so it is told once.</summary>
public sealed record BillingNotice(string Kind, string DedupeKey, string Title, string Body, string? Link = "/billing");
