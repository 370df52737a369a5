using ApexAgent.Domain.Common;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Email;
using ApexAgent.Portal.Features.Notifications;
using ApexAgent.Portal.Features.Organizations;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Credits.Alerts;

/// <summary>
/// Compares an organisation's balance with its members' thresholds: falling under one notifies that member once (in the
/// app and by email) and marks the alert below; rising back to it or above re-arms it. Once-ness is kept by the database:
/// the alert is claimed by a conditional update (<c>… WHERE IsBelow = 0</c>) in the same transaction as the notice, so
/// two instances (or two quick balance changes) never both notify.
/// </summary>
public sealed class LowBalanceCheck(
    IDbContextFactory<PortalDbContext> dbFactory, EmailOutbox outbox, NotificationSignal signal, IConfiguration configuration, TimeProvider clock)
{
    private static readonly Uri DefaultBase = new("http://localhost:5080/");

    /// <summary>Checks the thresholds against the balance as it is now (read again: balance changes may be heard out of order). Returns how many were notified.</summary>
    public async Task<int> CheckAsync(Guid organizationId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.LowBalanceAlerts.AnyAsync(a => a.OrganizationId == organizationId, ct))
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        var available = (await CreditBalances.ReadAsync(db, organizationId, now, ct)).Available.Value;
        await db.LowBalanceAlerts.Where(a => a.OrganizationId == organizationId && a.IsBelow && a.Threshold <= available)
            .ExecuteUpdateAsync(a => a.SetProperty(x => x.IsBelow, false), ct);
        var crossed = await db.LowBalanceAlerts.AsNoTracking()
            .Where(a => a.OrganizationId == organizationId && !a.IsBelow && a.Threshold > available)
            .Select(a => new { a.UserId, a.Threshold })
            .ToListAsync(ct);
        var notified = 0;
        foreach (var alert in crossed)
        {
            if (await NotifyOnceAsync(db, organizationId, alert.UserId, new Millicredits(alert.Threshold), new Millicredits(available), now, ct))
            {
                notified++;
                signal.Raise(alert.UserId);
            }
        }

        if (notified > 0)
        {
            await outbox.DeliverSoonAsync(ct);
        }

        return notified;
    }

    private async Task<bool> NotifyOnceAsync(
        PortalDbContext db, Guid organizationId, string userId, Millicredits threshold, Millicredits available, DateTimeOffset now, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.LowBalanceAlerts
            .Where(a => a.OrganizationId == organizationId && a.UserId == userId && !a.IsBelow && a.Threshold > available.Value)
            .ExecuteUpdateAsync(a => a.SetProperty(x => x.IsBelow, true).SetProperty(x => x.LastNotifiedAt, now), ct);
        if (claimed != 1)
        {
            return false;
        }

        var recipient = await (from m in db.Memberships
                               where m.OrganizationId == organizationId && m.UserId == userId
                               join u in db.Users on m.UserId equals u.Id
                               join o in db.Organizations on m.OrganizationId equals o.Id
                               select new { u.Email, Organization = o.Name }).FirstOrDefaultAsync(ct);
        if (recipient is not null)
        {
            var title = $"Credits under {threshold.Format()}";
            var body = $"{recipient.Organization} has {available.Format()} left, under the {threshold.Format()} you asked to hear about. "
                + "Buy a credit pack or turn on auto top-up to keep agents running.";
            db.Notifications.Add(new Notification
            {
                Id = Guid.CreateVersion7(now),
                OrganizationId = organizationId,
                UserId = userId,
                Kind = "credits.low_balance",
                DedupeKey = $"low_balance:{organizationId}:{userId}:{now.UtcTicks}",
                Title = title,
                Body = body,
                Link = "/usage",
                CreatedAt = now,
            });
            if (recipient.Email is { } email)
            {
                var action = new Uri(PublicLinks.BaseOf(configuration, DefaultBase), "usage").ToString();
                outbox.Stage(db, email, title, EmailTemplate.Render(title, [body], "See usage and forecast", action));
            }

            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return recipient is not null;
    }
}
