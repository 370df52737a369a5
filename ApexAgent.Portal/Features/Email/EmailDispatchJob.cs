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
        var due = await db.EmailOutbox.Where(m => m.SentAt == null && m.Attempts < MaxAttempts).OrderBy(m => m.CreatedAt).Take(50).ToListAsync(ct);
        var sent = 0;
        foreach (var message in due)
        {
            message.Attempts++;
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
                logger.LogWarning("Mail {MessageId} to a recipient could not be sent (attempt {Attempt}): {Error}", message.Id, message.Attempts, ex.Message);
            }

            await db.SaveChangesAsync(ct);
        }

        return sent;
    }
}
