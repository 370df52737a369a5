using System.Collections.Concurrent;
using ApexAgent.Domain.Common;

namespace ApexAgent.Portal.Features.Credits;

/// <summary>
/// In-process fan-out of balance changes, published after a commit by whatever moved credits (usage, grants, expiry,
/// purchases) and heard by open dashboards, the SignalR hub, low-balance alerts and auto top-up. One instance per
/// process: with several instances behind a load balancer each hears its own writes (a backplane would carry the rest).
/// </summary>
public sealed class CreditFeed(ILogger<CreditFeed> logger)
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Guid, Func<BalanceChange, Task>>> byOrganization = new();
    private readonly ConcurrentDictionary<Guid, Func<BalanceChange, Task>> everyOrganization = new();

    /// <summary>Hears changes of one organisation's pool until the answer is disposed.</summary>
    public IDisposable Subscribe(Guid organizationId, Func<BalanceChange, Task> listener)
    {
        var id = Guid.NewGuid();
        byOrganization.GetOrAdd(organizationId, _ => new()).TryAdd(id, listener);
        return new Subscription(() =>
        {
            if (byOrganization.TryGetValue(organizationId, out var listeners))
            {
                listeners.TryRemove(id, out _);
            }
        });
    }

    /// <summary>Hears every organisation's changes (the hub broadcaster, alerts, auto top-up).</summary>
    public IDisposable SubscribeAll(Func<BalanceChange, Task> listener)
    {
        var id = Guid.NewGuid();
        everyOrganization.TryAdd(id, listener);
        return new Subscription(() => everyOrganization.TryRemove(id, out _));
    }

    /// <summary>Tells every listener, without waiting for them; a failing listener is logged and does not stop the others.</summary>
    public void Publish(BalanceChange change)
    {
        var listeners = everyOrganization.Values.ToList();
        if (byOrganization.TryGetValue(change.OrganizationId, out var own))
        {
            listeners.AddRange(own.Values);
        }

        foreach (var listener in listeners)
        {
            _ = Tell(listener, change);
        }
    }

    public void Publish(Guid organizationId, Millicredits available, DateTimeOffset at, string cause) =>
        Publish(new BalanceChange(organizationId, available, at, cause));

    private async Task Tell(Func<BalanceChange, Task> listener, BalanceChange change)
    {
        // Off the publisher's thread at once: the usage writer publishes, and a listener that reads or writes the
        // database (alerts, auto top-up) must never hold up the next batch.
        await Task.Yield();
        try
        {
            await listener(change);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "A credit balance listener failed for organisation {Organization}.", change.OrganizationId);
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}
