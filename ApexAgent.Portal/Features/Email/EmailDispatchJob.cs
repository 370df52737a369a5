using ApexAgent.Portal.Data;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace ApexAgent.Portal.Features.Email;

/// <summary>
/// Delivers queued mail. A failed message is retried with exponential backoff (30 s, 1 min, 2 min … about 34 hours
/// over <see cref="MaxAttempts"/> attempts), so an SMTP outage of hours loses nothing. Once delivered through SMTP,
/// the body (which may hold a confirmation or reset link) is removed from the database.
/// </summary>
[DisallowConcurrentExecution]
public sealed class EmailDispatchJob(IDbContextFactory<PortalDbContext> dbFactory, IMailTransport transport, TimeProvider clock, ILogger<EmailDispatchJob> logger) : IJob
{
    public const int MaxAttempts = 12;
    public const string RemovedBody = "<p>(Delivered. The body is not kept after delivery because it may contain a sign-in link.)</p>";
    public static readonly JobKey Key = new("email-dispatch");
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(30);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await DispatchAsync(cancellationToken);

    public async Task<int> DispatchAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var due = await db.EmailOutbox
            .Where(m => m.SentAt == null && m.Attempts < MaxAttempts && (m.NextAttemptAt == null || m.NextAttemptAt <= now) && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .OrderBy(m => m.CreatedAt)
            .Select(m => m.Id)
            .Take(50)
            .ToListAsync(ct);
        var sent = 0;
        foreach (var id in due)
        {
            if (!await ClaimAsync(db, id, clock.GetUtcNow(), ct))
            {
                continue; // another dispatcher (or instance) took it
            }

            var message = await db.EmailOutbox.SingleAsync(m => m.Id == id, ct);
            try
            {
                await transport.SendAsync(message, ct);
                message.SentAt = clock.GetUtcNow();
                message.DeliveredVia = transport.Name;
                message.LastError = null;
                message.NextAttemptAt = null;
                if (transport.Name != LocalMailboxTransport.TransportName)
                {
                    message.HtmlBody = RemovedBody;
                }

                sent++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                message.LastError = ex.Message.Length > 1000 ? ex.Message[..1000] : ex.Message;
                message.NextAttemptAt = clock.GetUtcNow() + (FirstRetry * Math.Pow(2, Math.Min(message.Attempts - 1, 16)));
                logger.LogWarning("Mail {MessageId} could not be sent (attempt {Attempt} of {Max}): {Error}", message.Id, message.Attempts, MaxAttempts, ex.Message);
            }

            message.ClaimedUntil = null;
            await db.SaveChangesAsync(ct);
        }

        return sent;
    }

    /// <summary>Takes a message with one conditional update, so the database decides who sends it.</summary>
    private static async Task<bool> ClaimAsync(PortalDbContext db, Guid id, DateTimeOffset now, CancellationToken ct) =>
        await db.EmailOutbox
            .Where(m => m.Id == id && m.SentAt == null && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.ClaimedUntil, now + Lease).SetProperty(m => m.Attempts, m => m.Attempts + 1), ct) == 1;
}
