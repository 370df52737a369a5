using ApexAgent.Portal.Data;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace ApexAgent.Portal.Features.Email;

/// <summary>Delivers queued mail; a failed message is retried on later runs, up to <see cref="MaxAttempts"/> times.</summary>
[DisallowConcurrentExecution]
public sealed class EmailDispatchJob(IDbContextFactory<PortalDbContext> dbFactory, IMailTransport transport, TimeProvider clock, ILogger<EmailDispatchJob> logger) : IJob
{
    public const int MaxAttempts = 8;
    public static readonly JobKey Key = new("email-dispatch");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await DispatchAsync(cancellationToken);

    public async Task<int> DispatchAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var due = await db.EmailOutbox
            .Where(m => m.SentAt == null && m.Attempts < MaxAttempts && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .OrderBy(m => m.CreatedAt)
            .Take(50)
            .ToListAsync(ct);
        var sent = 0;
        foreach (var message in due)
        {
            if (!await ClaimAsync(db, message.Id, now, ct))
            {
                continue; // another dispatcher (or instance) took it
            }

            await db.Entry(message).ReloadAsync(ct);
            try
            {
                await transport.SendAsync(message, ct);
                message.SentAt = clock.GetUtcNow();
                message.DeliveredVia = transport.Name;
                message.LastError = null;
                sent++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                message.LastError = ex.Message.Length > 1000 ? ex.Message[..1000] : ex.Message;
                logger.LogWarning("Mail {MessageId} could not be sent (attempt {Attempt}): {Error}", message.Id, message.Attempts, ex.Message);
            }

            message.ClaimedUntil = null;
            await db.SaveChangesAsync(ct);
        }

        return sent;
    }

    /// <summary>Takes a message for two minutes with one conditional update, so the database decides who sends it.</summary>
    private static async Task<bool> ClaimAsync(PortalDbContext db, Guid id, DateTimeOffset now, CancellationToken ct) =>
        await db.EmailOutbox
            .Where(m => m.Id == id && m.SentAt == null && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.ClaimedUntil, now.AddMinutes(2)).SetProperty(m => m.Attempts, m => m.Attempts + 1), ct) == 1;
}
