using System.Diagnostics;

namespace ApexAgent.Benchmarks.Load;

/// <summary>
/// What one endpoint did under load. Latencies are exact (every response's Stopwatch ticks, sorted), taken from
/// sending the request until the whole body has been read. Non-2xx responses and transport failures are errors.
/// </summary>
public sealed record LoadResult(
    EndpointRequest Endpoint,
    int Clients,
    TimeSpan Elapsed,
    long[] SortedLatencyTicks,
    long NonSuccessResponses,
    long TransportFailures,
    IReadOnlyDictionary<int, long> StatusCounts,
    bool StoppedByRequestCap)
{
    /// <summary>Where the CPU went during the run; set by the caller that measured it.</summary>
    public CpuUsage? Cpu { get; init; }

    public long Responses => SortedLatencyTicks.LongLength;

    /// <summary>Portal CPU time per response, in microseconds: the server's cost of one request, which a busy neighbour barely moves.</summary>
    public double? PortalCpuMicrosecondsPerRequest => Cpu is null || Responses == 0 ? null : Cpu.PortalSeconds * 1e6 / Responses;

    /// <summary>Driver CPU time per response, in microseconds.</summary>
    public double? DriverCpuMicrosecondsPerRequest => Cpu is null || Responses == 0 ? null : Cpu.DriverSeconds * 1e6 / Responses;

    public long Errors => NonSuccessResponses + TransportFailures;

    public double RequestsPerSecond => Elapsed > TimeSpan.Zero ? Responses / Elapsed.TotalSeconds : 0;

    public double P50Ms => PercentileMs(50);

    public double P90Ms => PercentileMs(90);

    public double P99Ms => PercentileMs(99);

    public double MaxMs => Responses == 0 ? double.NaN : ToMs(SortedLatencyTicks[^1]);

    public double MeanMs => Responses == 0 ? double.NaN : ToMs((long)SortedLatencyTicks.Average());

    /// <summary>Nearest-rank percentile: the smallest latency that at least <paramref name="percent"/>% of responses did not exceed.</summary>
    public double PercentileMs(double percent)
    {
        if (Responses == 0)
        {
            return double.NaN;
        }

        var rank = (long)Math.Ceiling(percent / 100 * Responses);
        return ToMs(SortedLatencyTicks[Math.Clamp(rank - 1, 0, Responses - 1)]);
    }

    private static double ToMs(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
