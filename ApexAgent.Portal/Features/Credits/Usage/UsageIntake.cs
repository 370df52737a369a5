using System.Collections.Concurrent;
using System.Text.Json;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Credits.Usage;

/// <summary>
/// Checks a usage event as sent and prices it by the rate card version in force when it occurred, before it goes to the
/// writer. The user named must be a member of the caller's organisation (membership answers are cached for a minute;
/// an unnamed user is the caller).
/// </summary>
public sealed class UsageIntake(RateCards rateCards, IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    public const int MaxEventIdLength = 128;
    public const int MaxMetadataBytes = 4096;
    public static readonly TimeSpan MaxFuture = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(35);
    private static readonly TimeSpan MemberLifetime = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<(Guid Organization, string User), DateTimeOffset> members = new();

    public async ValueTask<Result<UsageSubmission>> CheckAsync(Actor actor, UsageRequest? request, CancellationToken ct)
    {
        if (request is null)
        {
            return Invalid("invalid_usage", "Send the event as a JSON object.");
        }

        var now = clock.GetUtcNow();
        if (string.IsNullOrEmpty(request.EventId) || request.EventId.Length > MaxEventIdLength || !request.EventId.All(c => c is >= ' ' and <= '~'))
        {
            return Invalid("invalid_event_id", $"eventId is required: 1 to {MaxEventIdLength} printable ASCII characters, unique per event (it is the idempotency key).");
        }

        var occurredAt = request.OccurredAt ?? now;
        if (occurredAt > now + MaxFuture || occurredAt < now - MaxAge)
        {
            return Invalid("invalid_occurred_at", "occurredAt must be at most 5 minutes in the future and at most 35 days in the past.");
        }

        if (string.IsNullOrEmpty(request.Feature))
        {
            return Invalid("unknown_feature", "feature is required: a feature id of the rate card, e.g. agent.step.");
        }

        if (request.Quantity is not { } quantity)
        {
            return Invalid("invalid_quantity", "quantity is required: a positive number with at most three decimals.");
        }

        var history = await rateCards.HistoryAsync(ct);
        if (history.InForceAt(occurredAt) is not { } card)
        {
            return Invalid("no_rate_card", "No rate card was in force when this usage occurred.");
        }

        var price = card.Price(request.Feature, quantity);
        if (!price.IsSuccess)
        {
            return price.Error;
        }

        string? metadata = null;
        if (request.Metadata is { } element && element.ValueKind != JsonValueKind.Null)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                return Invalid("invalid_metadata", "metadata must be a JSON object.");
            }

            metadata = JsonSerializer.Serialize(element);
            if (System.Text.Encoding.UTF8.GetByteCount(metadata) > MaxMetadataBytes)
            {
                return Invalid("invalid_metadata", "metadata must be at most 4 KB of JSON.");
            }
        }

        var userId = string.IsNullOrEmpty(request.UserId) ? actor.UserId : request.UserId;
        if (!string.Equals(userId, actor.UserId, StringComparison.Ordinal) && !await IsMemberAsync(actor.OrganizationId, userId, now, ct))
        {
            return Invalid("unknown_user", "userId must be a member of your organisation.");
        }

        return new UsageSubmission(
            actor.OrganizationId,
            request.EventId,
            request.Feature,
            (long)(quantity * 1000m),
            userId,
            actor.ApiKeyId,
            occurredAt,
            card.Version,
            price.Value.Value,
            metadata);
    }

    private async ValueTask<bool> IsMemberAsync(Guid organization, string userId, DateTimeOffset now, CancellationToken ct)
    {
        if (userId.Length > 450)
        {
            return false;
        }

        if (members.TryGetValue((organization, userId), out var checkedAt) && now - checkedAt < MemberLifetime && now >= checkedAt)
        {
            return true;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await db.Memberships.AnyAsync(m => m.OrganizationId == organization && m.UserId == userId, ct);
        if (member)
        {
            members[(organization, userId)] = now;
        }
        else
        {
            members.TryRemove((organization, userId), out _);
        }

        return member;
    }

    private static Error Invalid(string code, string message) => new(code, message);
}
