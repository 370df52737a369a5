using ApexAgent.Domain.Compliance;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Audit;

/// <summary>
/// Records events that are not a change of a stored entity (sign-ins, a support view's pages, exports …) in the
/// same hash chain as the changes the interceptor records. Changes to audited entities need no call here: saving
/// them records them.
/// </summary>
/// <example>
/// <code>
/// await audit.RecordAsync("support_view.page_viewed", view.OrganizationId, "SupportView", view.Id.ToString(),
///     details: new { page = "/api-keys" }, reason: view.Reason, ct: ct);
/// </code>
/// </example>
public sealed class AuditTrail(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>Records an event at once, in its own transaction.</summary>
    /// <param name="action">What happened, as <c>area.verb</c>: one of <see cref="AuditActions"/> or a new one.</param>
    /// <param name="organizationId">Whose log it goes in; null for the platform's own log.</param>
    /// <param name="entityType">What it happened to (for example <c>SupportView</c>), if anything.</param>
    /// <param name="entityId">Which one.</param>
    /// <param name="details">Anything worth keeping, serialized to JSON (never a secret).</param>
    /// <param name="reason">Why, when someone gave a reason.</param>
    /// <param name="actor">Who acted; by default the person of the current request or page, or the system in a job.</param>
    public async Task RecordAsync(
        string action,
        Guid? organizationId,
        string? entityType = null,
        string? entityId = null,
        object? details = null,
        string? reason = null,
        AuditActor? actor = null,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        Add(db, action, organizationId, entityType, entityId, details, reason, actor);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Adds the event to <paramref name="db"/>, to be sealed and stored by its next save, together with (and only
    /// with) the other changes of that save.
    /// </summary>
    public AuditEntry Add(
        PortalDbContext db,
        string action,
        Guid? organizationId,
        string? entityType = null,
        string? entityId = null,
        object? details = null,
        string? reason = null,
        AuditActor? actor = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        var now = clock.GetUtcNow();
        var ambient = ActingContext.Current;
        var who = actor ?? (ambient?.Actor is { } acting ? AuditActor.From(acting) : AuditActor.System);
        var entry = new AuditEntry
        {
            Id = Guid.CreateVersion7(now),
            ChainId = AuditChain.For(organizationId),
            OccurredAt = now,
            OrganizationId = organizationId,
            ActorUserId = who.UserId,
            ActorLabel = who.Label,
            ApiKeyId = who.ApiKeyId,
            ImpersonatorUserId = who.ImpersonatorUserId,
            SupportViewId = who.SupportViewId,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            After = AuditJson.Serialize(details),
            IpAddress = who.IpAddress ?? ambient?.IpAddress,
            Reason = reason,
        };
        db.AuditEntries.Add(entry);
        return entry;
    }
}
