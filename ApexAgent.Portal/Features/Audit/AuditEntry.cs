using ApexAgent.Domain.Compliance;

namespace ApexAgent.Portal.Features.Audit;

/// <summary>
/// A stored audit entry (see <see cref="AuditRecord"/> for what each field means). Rows are only ever added, and only
/// <see cref="AuditInterceptor"/> gives them their sequence and hashes, as they are saved.
/// </summary>
public sealed class AuditEntry
{
    public Guid Id { get; set; }

    public Guid ChainId { get; set; }

    public long Sequence { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public Guid? OrganizationId { get; set; }

    public string? ActorUserId { get; set; }

    public string? ActorLabel { get; set; }

    public Guid? ApiKeyId { get; set; }

    public string? ImpersonatorUserId { get; set; }

    public string? ImpersonatorLabel { get; set; }

    public Guid? SupportViewId { get; set; }

    public string Action { get; set; } = "";

    public string? EntityType { get; set; }

    public string? EntityId { get; set; }

    public string? Before { get; set; }

    public string? After { get; set; }

    public string? IpAddress { get; set; }

    public string? Reason { get; set; }

    public string PreviousHash { get; set; } = "";

    public string Hash { get; set; } = "";

    public AuditRecord ToRecord() => new(
        Id, ChainId, Sequence, OccurredAt, OrganizationId, ActorUserId, ActorLabel, ApiKeyId, ImpersonatorUserId, ImpersonatorLabel,
        SupportViewId, Action, EntityType, EntityId, Before, After, IpAddress, Reason, PreviousHash, Hash);

    /// <summary>Takes the place, link and seal that <see cref="AuditChain.Append"/> gave the entry.</summary>
    internal void Seal(AuditRecord sealedRecord)
    {
        Sequence = sealedRecord.Sequence;
        OccurredAt = sealedRecord.OccurredAt;
        PreviousHash = sealedRecord.PreviousHash;
        Hash = sealedRecord.Hash;
    }
}
