using ApexAgent.Domain.Accounts;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Email;
using ApexAgent.Portal.Features.Organizations;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Notifications;

/// <summary>
/// Tells an organisation's billing contacts (its owners and admins) about an event, in the app and by email, once per
/// event: the dedupe key is unique per recipient, and the notice is staged in the caller's transaction, so it exists
/// only if the change it reports was saved.
/// </summary>
public sealed class NotificationCenter(IDbContextFactory<PortalDbContext> dbFactory, EmailOutbox outbox, IConfiguration configuration, TimeProvider clock)
{
    private static readonly Uri DefaultBase = new("http://localhost:5080/");

    public async Task StageAsync(PortalDbContext db, Guid organizationId, BillingNotice notice, CancellationToken ct)
    {
        var recipients = await (from m in db.Memberships
                                where m.OrganizationId == organizationId && m.UnitId == null && (m.Role == OrganizationRole.Owner || m.Role == OrganizationRole.Admin)
                                join u in db.Users on m.UserId equals u.Id
                                select new { u.Id, u.Email }).ToListAsync(ct);
        var keys = recipients.Select(r => $"{notice.DedupeKey}:{r.Id}").ToList();
        var sent = await db.Notifications.Where(n => keys.Contains(n.DedupeKey)).Select(n => n.DedupeKey).ToListAsync(ct);
        var pending = db.ChangeTracker.Entries<Notification>().Select(e => e.Entity.DedupeKey).ToHashSet();
        foreach (var recipient in recipients)
        {
            var key = $"{notice.DedupeKey}:{recipient.Id}";
            if (sent.Contains(key) || pending.Contains(key))
            {
                continue;
            }

            db.Notifications.Add(new Notification
            {
                Id = Guid.CreateVersion7(clock.GetUtcNow()),
                OrganizationId = organizationId,
                UserId = recipient.Id,
                Kind = notice.Kind,
                DedupeKey = key,
                Title = notice.Title,
                Body = notice.Body,
                Link = notice.Link,
                CreatedAt = clock.GetUtcNow(),
            });
            if (recipient.Email is { } email)
            {
                // Jobs have no request to take the address from: links use Portal:PublicUrl (set it in production).
                var action = notice.Link is null ? null : new Uri(PublicLinks.BaseOf(configuration, DefaultBase), notice.Link.TrimStart('/')).ToString();
                outbox.Stage(db, email, notice.Title, EmailTemplate.Render(notice.Title, [notice.Body], notice.Link is null ? null : "Open billing", action));
            }
        }
    }

    /// <summary>The person's latest notices in <paramref name="organizationId"/>, with their staff notices (<see cref="StaffNotices"/>) wherever they are.</summary>
    public async Task<IReadOnlyList<Notification>> RecentAsync(string userId, Guid organizationId, int take, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Notifications.AsNoTracking().Where(n => n.UserId == userId && (n.OrganizationId == organizationId || n.OrganizationId == StaffNotices.StaffInbox))
            .OrderByDescending(n => n.CreatedAt).Take(take).ToListAsync(ct);
    }

    public async Task<int> UnreadCountAsync(string userId, Guid organizationId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Notifications.CountAsync(n => n.UserId == userId && (n.OrganizationId == organizationId || n.OrganizationId == StaffNotices.StaffInbox) && n.ReadAt == null, ct);
    }

    public async Task MarkAllReadAsync(string userId, Guid organizationId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        await db.Notifications.Where(n => n.UserId == userId && (n.OrganizationId == organizationId || n.OrganizationId == StaffNotices.StaffInbox) && n.ReadAt == null)
            .ExecuteUpdateAsync(n => n.SetProperty(x => x.ReadAt, now), ct);
    }
}
