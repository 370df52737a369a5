namespace ApexAgent.Domain.Compliance;

/// <summary>
/// One entry of an audit chain: who (acting for whom, through which key or support view), did what, to what,
/// with which before and after values, when, from where and why. <see cref="Hash"/> seals every other field and
/// <see cref="PreviousHash"/> links the entry to the one before it (<see cref="AuditChain"/>).
/// </summary>
/// <param name="ChainId">The organisation's id, or <see cref="AuditChain.Platform"/> for platform-level events.</param>
/// <param name="Sequence">1 for the first entry of a chain, then one more for each entry, without gaps.</param>
/// <param name="ActorUserId">The person acted for (the customer during a support view); null when the system acts.</param>
/// <param name="ActorLabel">How that person was known at the time (their email address).</param>
/// <param name="ImpersonatorUserId">The support staff member who had the customer's view open, if any.</param>
/// <param name="Before">The changed fields before the change, as JSON (null for a creation or an event).</param>
/// <param name="After">The changed fields after the change, or the event's details, as JSON.</param>
public sealed record AuditRecord(
    Guid Id,
    Guid ChainId,
    long Sequence,
    DateTimeOffset OccurredAt,
    Guid? OrganizationId,
    string? ActorUserId,
    string? ActorLabel,
    Guid? ApiKeyId,
    string? ImpersonatorUserId,
    string? ImpersonatorLabel,
    Guid? SupportViewId,
    string Action,
    string? EntityType,
    string? EntityId,
    string? Before,
    string? After,
    string? IpAddress,
    string? Reason,
    string PreviousHash,
    string Hash);
