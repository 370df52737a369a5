using ApexAgent.Domain.Accounts;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Email;
using ApexAgent.Portal.Features.Organizations;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Notifications;

/// <summary>
/// Tells ApexAgent's own staff about an event (a customer's dispute, …): one notification and one email for each staff
/// user whose platform role carries <c>permission</c>, once per event (the dedupe key is unique per recipient) and in the
/// caller's transaction, like <see cref="NotificationCenter"/>. A staff notice belongs to no organisation
/// (<see cref="StaffInbox"/>): the bell shows it to its recipient whichever organisation they are in (ADR 0025).
/// </summary>
public sealed class StaffNotices(EmailOutbox outbox, IConfiguration configuration, TimeProvider clock)
{
    /// <summary>The organisation id of a staff notice: none.</summary>
    public static readonly Guid StaffInbox = Guid.Empty;

    private static readonly Uri DefaultBase = new("http://localhost:5080/");

    /// <summary>Stages <paramref name="notice"/> for every staff user who holds <paramref name="permission"/>; answers how many were new.</summary>
    public async Task<int> StageAsync(PortalDbContext db, string permission, BillingNotice notice, CancellationToken ct)
    {
        var roles = Enum.GetValues<PlatformRole>().Where(r => Permission.ForPlatformRole(r).Contains(permission)).ToHashSet();
        if (roles.Count == 0)
        {
            return 0;
        }

        // Staff are few: read them all and keep those whose role carries the permission.
        var staff = await db.Users.AsNoTracking().Where(u => u.PlatformRole != null).Select(u => new { u.Id, u.Email, u.PlatformRole }).ToListAsync(ct);
        var recipients = staff.Where(u => roles.Contains(u.PlatformRole!.Value)).ToList();
        var keys = recipients.Select(r => KeyFor(notice, r.Id)).ToList();
        var sent = (await db.Notifications.Where(n => keys.Contains(n.DedupeKey)).Select(n => n.DedupeKey).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var pending = db.ChangeTracker.Entries<Notification>().Select(e => e.Entity.DedupeKey).ToHashSet(StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        var staged = 0;
        foreach (var recipient in recipients)
        {
            var key = KeyFor(notice, recipient.Id);
            if (sent.Contains(key) || pending.Contains(key))
            {
                continue;
            }

            db.Notifications.Add(new Notification
            {
                Id = Guid.CreateVersion7(now),
                OrganizationId = StaffInbox,
                UserId = recipient.Id,
                Kind = notice.Kind,
                DedupeKey = key,
                Title = notice.Title,
                Body = notice.Body.Length <= 1000 ? notice.Body : notice.Body[..1000],
                Link = notice.Link,
                CreatedAt = now,
            });
            staged++;
            if (recipient.Email is { } email)
            {
                var action = notice.Link is null ? null : new Uri(PublicLinks.BaseOf(configuration, DefaultBase), notice.Link.TrimStart('/')).ToString();
                outbox.Stage(db, email, notice.Title, EmailTemplate.Render(notice.Title, [notice.Body], notice.Link is null ? null : "Open in the portal", action));
            }
        }

        return staged;
    }

    private static string KeyFor(BillingNotice notice, string userId) => $"staff:{notice.DedupeKey}:{userId}";
}
