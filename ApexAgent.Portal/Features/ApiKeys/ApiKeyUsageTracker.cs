using System.Collections.Concurrent;

namespace ApexAgent.Portal.Features.ApiKeys;

/// <summary>
/// Counts requests per key in memory without allocating on the request path; <see cref="ApiKeyUsageFlushJob"/>
/// writes the counts to the database every few seconds, so a request never waits on a write.
/// </summary>
public sealed class ApiKeyUsageTracker
{
    private readonly ConcurrentDictionary<Guid, Counter> counters = new();

    public void Record(Guid keyId, DateTimeOffset at)
    {
        var counter = counters.GetOrAdd(keyId, static _ => new Counter());
        Interlocked.Increment(ref counter.Requests);
        var ticks = at.UtcTicks;
        long seen;
        while ((seen = Interlocked.Read(ref counter.LastUsedTicks)) < ticks && Interlocked.CompareExchange(ref counter.LastUsedTicks, ticks, seen) != seen)
        {
        }
    }

    /// <summary>Takes the requests counted since the last drain (nothing is lost to a request counted meanwhile).</summary>
    public IReadOnlyDictionary<Guid, KeyUse> Drain()
    {
        var drained = new Dictionary<Guid, KeyUse>();
        foreach (var (keyId, counter) in counters)
        {
            var requests = Interlocked.Exchange(ref counter.Requests, 0);
            if (requests > 0)
            {
                drained[keyId] = new KeyUse(requests, new DateTimeOffset(Interlocked.Read(ref counter.LastUsedTicks), TimeSpan.Zero));
            }
        }

        return drained;
    }

    public readonly record struct KeyUse(long Requests, DateTimeOffset LastUsedAt);

    private sealed class Counter
    {
        public long Requests;
        public long LastUsedTicks;
    }
}
