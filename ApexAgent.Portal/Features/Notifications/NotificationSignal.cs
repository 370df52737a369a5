using System.Collections.Concurrent;

namespace ApexAgent.Portal.Features.Notifications;

/// <summary>
/// Tells open pages in this process that a person has a new notification (after it was committed), so the bell updates
/// without a reload. In-process only, like <c>CreditFeed</c>: with several instances a page hears its own instance's notices
/// and catches up with the rest when it next loads them.
/// </summary>
public sealed class NotificationSignal
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, Func<Task>>> listeners = new(StringComparer.Ordinal);

    public IDisposable Subscribe(string userId, Func<Task> listener)
    {
        var id = Guid.NewGuid();
        listeners.GetOrAdd(userId, _ => new()).TryAdd(id, listener);
        return new Subscription(() =>
        {
            if (listeners.TryGetValue(userId, out var own))
            {
                own.TryRemove(id, out _);
            }
        });
    }

    /// <summary>Wakes the person's open pages; a failing page does not stop the others.</summary>
    public void Raise(string userId)
    {
        if (!listeners.TryGetValue(userId, out var own))
        {
            return;
        }

        foreach (var listener in own.Values)
        {
            _ = Safe(listener);
        }
    }

    private static async Task Safe(Func<Task> listener)
    {
        try
        {
            await listener();
        }
        catch (ObjectDisposedException)
        {
            // The page closed meanwhile.
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
