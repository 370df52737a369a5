namespace ApexAgent.Portal.Features.Notifications;

/// <summary>
/// Something a person should know, shown in the app (the bell) and sent by email. The dedupe key is unique, so an event
/// that is processed twice notifies once.
/// </summary>
public sealed class Notification
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public string UserId { get; set; } = "";

    /// <summary>What happened, e.g. <c>billing.payment_failed</c>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>Unique per recipient and event, e.g. <c>payment_failed:{invoice}:{attempt}:{user}</c>.</summary>
    public string DedupeKey { get; set; } = "";

    public string Title { get; set; } = "";

    public string Body { get; set; } = "";

    /// <summary>A portal path to act on it, e.g. <c>/billing</c>.</summary>
    public string? Link { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ReadAt { get; set; }
}
