using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Credits;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Audit;
using ApexAgent.Portal.Features.Billing;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Credits.Usage;

/// <summary>
/// Gives back exactly what a usage event deducted (ADR 0012), for a task that failed on our side: each part to the grant
/// it came from while that grant is live, otherwise to a new grant of the same kind that lasts
/// <see cref="RefundLifetime"/> (source <c>refund:{usage event}:{entry}</c>); overdraft parts reduce what is overdrawn.
/// One Reversed entry per part (Reverses = the Used entry); the roll-ups' credits used go down; audited; published.
/// </summary>
public sealed class UsageReversals(IDbContextFactory<PortalDbContext> dbFactory, CreditFeed feed, AuditTrail audit, TimeProvider clock)
{
    public const string AuditAction = "credits.usage_reversed";
    public static readonly TimeSpan RefundLifetime = TimeSpan.FromDays(30);

    public async Task<Result<UsageReversal>> ReverseAsync(Actor actor, Guid organizationId, string? eventId, string? reason, CancellationToken ct)
    {
        if (actor.RefuseIfReadOnly() is { } readOnly)
        {
            return readOnly;
        }

        if (!actor.Can(Permission.CreditsOperate))
        {
            return new Error("forbidden", "Only ApexAgent staff may reverse usage.", ErrorKind.Forbidden);
        }

        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > 300)
        {
            return new Error("reason_required", "Give a reason (up to 300 characters): it goes in the ledger and the audit log.");
        }

        if (string.IsNullOrEmpty(eventId))
        {
            return new Error("invalid_event_id", "eventId is required.");
        }

        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var usage = await db.UsageEvents.FirstOrDefaultAsync(u => u.OrganizationId == organizationId && u.EventId == eventId, ct);
        if (usage is null)
        {
            return Error.NotFound("usage_event", "usage event");
        }

        if (usage.ReversedAt is not null)
        {
            return new Error("already_reversed", $"This usage was already reversed on {usage.ReversedAt:yyyy-MM-dd HH:mm} UTC.", ErrorKind.Conflict);
        }

        var used = await db.CreditEntries.Where(e => e.UsageEventId == usage.Id && e.Kind == LedgerEntryKind.Used).OrderBy(e => e.Id).ToListAsync(ct);
        var grantIds = used.Where(e => e.GrantId is not null).Select(e => e.GrantId!.Value).ToList();
        var grants = await db.CreditGrants.Where(g => grantIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, ct);
        var pool = used.Any(e => e.GrantId is null) ? await db.CreditPools.FirstAsync(p => p.OrganizationId == organizationId, ct) : null;
        var zone = await BillingDates.OfAsync(db, organizationId, ct);
        var day = LocalDay.Of(usage.OccurredAt, zone);
        var note = reason.Length > 300 ? reason[..300] : reason;
        var parts = new List<UsageReversal.Part>();

        foreach (var entry in used)
        {
            var amount = -entry.Change;
            Guid? to = null;
            var toNew = false;
            if (entry.GrantId is { } grantId && grants.TryGetValue(grantId, out var grant) && grant.ExpiredAt is null && grant.ClawedBack == 0 && grant.StartsAt <= now && now < grant.ExpiresAt)
            {
                grant.Remaining += amount;
                to = grant.Id;
            }
            else if (entry.GrantId is not null)
            {
                var refund = new Grant
                {
                    Id = Guid.CreateVersion7(now),
                    OrganizationId = organizationId,
                    Kind = entry.GrantKind ?? GrantKind.Promotional,
                    Amount = amount,
                    Remaining = amount,
                    StartsAt = now,
                    ExpiresAt = now + RefundLifetime,
                    Source = $"refund:{usage.Id}:{entry.Id}",
                    Description = $"Refund of usage {Shorten(usage.EventId)} (its grant has ended)",
                    GrantedBy = actor.UserId,
                    CreatedAt = now,
                };
                db.CreditGrants.Add(refund);
                to = refund.Id;
                toNew = true;
            }
            else
            {
                pool!.Overdrawn -= amount;
                pool.Version++;
            }

            db.CreditEntries.Add(new CreditEntry
            {
                OrganizationId = organizationId,
                Kind = LedgerEntryKind.Reversed,
                GrantId = to,
                GrantKind = to is null ? null : entry.GrantKind ?? GrantKind.Promotional,
                Change = amount,
                At = now,
                UsageEventId = usage.Id,
                UserId = usage.UserId,
                Reverses = entry.Id,
                Note = note,
            });
            parts.Add(new UsageReversal.Part(to, to is null ? null : entry.GrantKind ?? GrantKind.Promotional, amount, toNew));

            if (entry.GrantKind is { } kind)
            {
                await db.CreditBurnDays.Where(b => b.OrganizationId == organizationId && b.Day == day && b.Kind == kind)
                    .ExecuteUpdateAsync(s => s.SetProperty(b => b.Used, b => b.Used - amount), ct);
            }
        }

        var deducted = usage.Deducted;
        var userKey = usage.UserId ?? "";
        var hour = new DateTimeOffset(usage.OccurredAt.UtcTicks - (usage.OccurredAt.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);
        await db.UsageDays.Where(d => d.OrganizationId == organizationId && d.Day == day && d.Feature == usage.Feature && d.UserId == userKey)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Used, d => d.Used - deducted), ct);
        await db.UsageHours.Where(h => h.OrganizationId == organizationId && h.Hour == hour && h.Feature == usage.Feature)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.Used, h => h.Used - deducted), ct);

        usage.ReversedAt = now;
        usage.ReversalReason = note;
        audit.Add(db, AuditAction, organizationId, nameof(UsageEvent), usage.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            details: new { usage.EventId, usage.Feature, deducted = new Millicredits(deducted).Credits, parts = parts.Select(p => new { p.GrantId, p.Kind, credits = new Millicredits(p.Returned).Credits, p.ToNewGrant }) },
            reason: note);
        await db.SaveChangesAsync(ct);
        var balance = await CreditBalances.ReadAsync(db, organizationId, now, ct);
        await transaction.CommitAsync(ct);

        feed.Publish(organizationId, balance.Available, now, "reversal");
        return new UsageReversal(organizationId, usage.EventId, parts.Sum(p => p.Returned), balance.Available.Value, parts);
    }

    private static string Shorten(string eventId) => eventId.Length > 60 ? eventId[..60] + "…" : eventId;
}
