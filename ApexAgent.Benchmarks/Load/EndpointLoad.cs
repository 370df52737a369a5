using System.Diagnostics;

namespace ApexAgent.Benchmarks.Load;

/// <summary>
/// Drives one endpoint with <c>clients</c> concurrent loops of sequential requests over one shared
/// <see cref="HttpClient"/>. No client starts a request after the deadline or once <c>maxRequests</c> have been
/// started; requests still in flight at the deadline may finish (and count) for up to <see cref="Grace"/>.
/// </summary>
public static class EndpointLoad
{
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);
    private const int InitialCapacityPerClient = 64 * 1024;

    public static async Task<LoadResult> RunAsync(
        HttpClient http, EndpointRequest endpoint, int clients, TimeSpan duration, long maxRequests, CancellationToken ct)
    {
        using var hardStop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        hardStop.CancelAfter(duration + Grace);
        var budget = new RequestBudget(maxRequests);
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);

        var tallies = new ClientTally[clients];
        var loops = new Task[clients];
        for (var i = 0; i < clients; i++)
        {
            var tally = tallies[i] = new ClientTally();
            loops[i] = Task.Run(() => ClientLoopAsync(http, endpoint, deadline, budget, tally, hardStop.Token), CancellationToken.None);
        }

        await Task.WhenAll(loops);
        var elapsed = Stopwatch.GetElapsedTime(started);
        ct.ThrowIfCancellationRequested();

        var latencies = new long[tallies.Sum(t => (long)t.Latencies.Count)];
        var offset = 0;
        var statuses = new Dictionary<int, long>();
        foreach (var tally in tallies)
        {
            tally.Latencies.CopyTo(latencies, offset);
            offset += tally.Latencies.Count;
            foreach (var (status, count) in tally.Statuses)
            {
                statuses[status] = statuses.GetValueOrDefault(status) + count;
            }
        }

        Array.Sort(latencies);
        return new LoadResult(
            endpoint,
            clients,
            elapsed,
            latencies,
            tallies.Sum(t => t.NonSuccess),
            tallies.Sum(t => t.TransportFailures),
            statuses,
            budget.Exhausted);
    }

    private static async Task ClientLoopAsync(
        HttpClient http, EndpointRequest endpoint, long deadline, RequestBudget budget, ClientTally tally, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested && Stopwatch.GetTimestamp() < deadline && budget.TryTake())
        {
            var sent = Stopwatch.GetTimestamp();
            try
            {
                using var request = endpoint.Create();
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
                tally.Latencies.Add(Stopwatch.GetTimestamp() - sent);
                var status = (int)response.StatusCode;
                tally.Statuses[status] = tally.Statuses.GetValueOrDefault(status) + 1;
                if (!response.IsSuccessStatusCode)
                {
                    tally.NonSuccess++;
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Cancelled by the user or cut off by the hard stop: a request that never finished is a failure.
                tally.TransportFailures++;
                return;
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
            {
                // Connection refused or reset, or HttpClient.Timeout.
                tally.TransportFailures++;
            }
        }
    }

    private sealed class RequestBudget(long max)
    {
        private long taken;

        public bool Exhausted => Interlocked.Read(ref taken) >= max;

        public bool TryTake() => Interlocked.Increment(ref taken) <= max;
    }

    private sealed class ClientTally
    {
        public List<long> Latencies { get; } = new(InitialCapacityPerClient);

        public Dictionary<int, long> Statuses { get; } = [];

        public long NonSuccess { get; set; }

        public long TransportFailures { get; set; }
    }
}
