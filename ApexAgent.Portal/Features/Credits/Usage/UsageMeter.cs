using System.Threading.Channels;
using ApexAgent.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Credits.Usage;

/// <summary>
/// The single writer of usage (ADR 0012): requests enqueue validated, priced events and wait; one loop drains what is
/// waiting (up to <see cref="MaxEventsPerBatch"/> events) and writes it in ONE transaction through
/// <see cref="UsageBatchWriter"/>, then answers every request and publishes each touched organisation's balance.
/// If a batch fails, its events are written again one at a time, so that one bad event cannot fail the others;
/// nothing is ever answered as stored before its transaction committed.
/// </summary>
public sealed class UsageMeter(
    IDbContextFactory<PortalDbContext> dbFactory,
    CreditFeed feed,
    TimeProvider clock,
    ILogger<UsageMeter> logger) : BackgroundService
{
    /// <summary>At most this many events go into one transaction.</summary>
    public const int MaxEventsPerBatch = 4096;

    private readonly Channel<PendingUsage> pending = Channel.CreateUnbounded<PendingUsage>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Records one event; answers once it is committed (or refused, or a duplicate).</summary>
    public async Task<UsageOutcome> RecordAsync(UsageSubmission usage, CancellationToken ct)
    {
        var outcomes = await RecordAsync([usage], ct);
        return outcomes[0];
    }

    /// <summary>Records events in order, each atomic on its own; answers one outcome per event, in order.</summary>
    public Task<UsageOutcome[]> RecordAsync(UsageSubmission[] events, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Length == 0)
        {
            return Task.FromResult(Array.Empty<UsageOutcome>());
        }

        var item = new PendingUsage(events);
        if (!pending.Writer.TryWrite(item))
        {
            throw new InvalidOperationException("The usage writer has stopped.");
        }

        // Once enqueued the event will be written whatever the caller does; the caller may stop waiting.
        return ct.CanBeCanceled ? item.Done.Task.WaitAsync(ct) : item.Done.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var db = await dbFactory.CreateDbContextAsync(stoppingToken);
        await db.Database.OpenConnectionAsync(stoppingToken);
        var writer = new UsageBatchWriter(db.Database.GetDbConnection());
        var batch = new List<PendingUsage>();
        var reader = pending.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                var events = 0;
                while (events < MaxEventsPerBatch && reader.TryRead(out var item))
                {
                    batch.Add(item);
                    events += item.Events.Length;
                }

                if (!Write(writer, batch))
                {
                    // Not one event could be written, even alone: start again on a fresh connection.
                    writer.Dispose();
                    await db.DisposeAsync();
                    db = await dbFactory.CreateDbContextAsync(stoppingToken);
                    await db.Database.OpenConnectionAsync(stoppingToken);
                    writer = new UsageBatchWriter(db.Database.GetDbConnection());
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            writer.Dispose();
            await db.DisposeAsync();
            pending.Writer.TryComplete();
            while (reader.TryRead(out var left))
            {
                left.Done.TrySetException(new OperationCanceledException("The portal is stopping; the usage was not recorded."));
            }
        }
    }

    /// <summary>Writes a batch, or failing that each event alone; false when not one event could be written.</summary>
    private bool Write(UsageBatchWriter writer, List<PendingUsage> batch)
    {
        var slots = new List<UsageSlot>();
        foreach (var item in batch)
        {
            for (var i = 0; i < item.Events.Length; i++)
            {
                slots.Add(new UsageSlot(item, i));
            }
        }

        var now = clock.GetUtcNow();
        try
        {
            var balances = writer.Write(slots, now);
            Answer(batch, balances, now);
            return true;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "A usage batch of {Events} events failed; writing them one at a time.", slots.Count);
        }

        var after = new Dictionary<Guid, long>();
        var written = 0;
        foreach (var slot in slots)
        {
            try
            {
                foreach (var (organization, balance) in writer.Write([slot], now))
                {
                    after[organization] = balance;
                }

                written++;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Usage event {EventId} of organisation {Organization} could not be written.", slot.Usage.EventId, slot.Usage.OrganizationId);
                slot.Item.Outcomes[slot.Index] = UsageOutcome.Failed(slot.Usage.EventId);
            }
        }

        Answer(batch, after, now);
        return written > 0;
    }

    private void Answer(List<PendingUsage> batch, IReadOnlyDictionary<Guid, long> balances, DateTimeOffset now)
    {
        foreach (var item in batch)
        {
            item.Done.TrySetResult(item.Outcomes!);
        }

        foreach (var (organization, balance) in balances)
        {
            feed.Publish(organization, new Domain.Common.Millicredits(balance), now, "usage");
        }
    }
}
