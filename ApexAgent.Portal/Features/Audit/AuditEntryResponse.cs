using System.Text.Json;

namespace ApexAgent.Portal.Features.Audit;

/// <summary>An audit entry as the API returns it: before, after and details as JSON objects, with the entry's hashes.</summary>
public sealed record AuditEntryResponse(
    Guid Id,
    long Sequence,
    DateTimeOffset OccurredAt,
    Guid? OrganizationId,
    string Action,
    string? ActorUserId,
    string? ActorLabel,
    Guid? ApiKeyId,
    string? ImpersonatorUserId,
    string? ImpersonatorLabel,
    Guid? SupportViewId,
    string? EntityType,
    string? EntityId,
    JsonElement? Before,
    JsonElement? After,
    string? IpAddress,
    string? Reason,
    string PreviousHash,
    string Hash)
{
    public static AuditEntryResponse From(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new AuditEntryResponse(
            entry.Id, entry.Sequence, entry.OccurredAt, entry.OrganizationId, entry.Action, entry.ActorUserId, entry.ActorLabel, entry.ApiKeyId,
            entry.ImpersonatorUserId, entry.ImpersonatorLabel, entry.SupportViewId, entry.EntityType, entry.EntityId,
            Parse(entry.Before), Parse(entry.After), entry.IpAddress, entry.Reason, entry.PreviousHash, entry.Hash);
    }

    private static JsonElement? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(json); // stored text that is not JSON (it may have been tampered with): as a string
        }
    }
}
