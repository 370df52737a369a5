using ApexAgent.Portal.Data;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace ApexAgent.Portal.Features.Email;

/// <summary>Queues mail; <see cref="EmailDispatchJob"/> delivers it (at once, and again later if delivery failed).</summary>
public sealed class EmailOutbox(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock, ISchedulerFactory schedulers)
{
    public async Task EnqueueAsync(string to, string subject, string htmlBody, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        Stage(db, to, subject, htmlBody);
        await db.SaveChangesAsync(ct);
        await DeliverSoonAsync(ct);
    }

    /// <summary>Adds a message to <paramref name="db"/>, so that it is queued only if the change it belongs to is saved.</summary>
    public void Stage(PortalDbContext db, string to, string subject, string htmlBody) =>
        db.EmailOutbox.Add(new OutboxMessage
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            To = to,
            Subject = subject,
            HtmlBody = htmlBody,
            CreatedAt = clock.GetUtcNow(),
        });

    /// <summary>Delivers staged messages now rather than at the next scheduled run.</summary>
    public async Task DeliverSoonAsync(CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        await scheduler.TriggerJob(EmailDispatchJob.Key, ct);
    }

    /// <summary>Delivered mail for the local mailbox, newest first.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> MailboxAsync(string? to, int take, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.EmailOutbox.AsNoTracking().Where(m => m.SentAt != null);
        if (!string.IsNullOrWhiteSpace(to))
        {
            query = query.Where(m => m.To == to.Trim());
        }

        return await query.OrderByDescending(m => m.CreatedAt).Take(take).ToListAsync(ct);
    }
}
