using System.Collections.Concurrent;

namespace ApexAgent.Portal.Features.ApiKeys;

/// <summary>
/// Counts requests per key in memory; <see cref="ApiKeyUsageFlushJob"/> writes them to the database every few
/// seconds, so the request path never waits on a write.
/// </summary>
public sealed class ApiKeyUsageTracker
{
    private readonly ConcurrentDictionary<Guid, KeyUse> pending = new();

    public void Record(Guid keyId, DateTimeOffset at) =>
        pending.AddOrUpdate(keyId, _ => new KeyUse(1, at), (_, use) => new KeyUse(use.Requests + 1, at > use.LastUsedAt ? at : use.LastUsedAt));

    /// <summary>Takes everything recorded so far, leaving an empty tally behind.</summary>
    public IReadOnlyDictionary<Guid, KeyUse> Drain()
    {
        var drained = new Dictionary<Guid, KeyUse>();
        foreach (var keyId in pending.Keys)
        {
            if (pending.TryRemove(keyId, out var use))
            {
                drained[keyId] = use;
            }
        }

        return drained;
    }

    public readonly record struct KeyUse(long Requests, DateTimeOffset LastUsedAt);
}
