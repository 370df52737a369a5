namespace ApexAgent.Benchmarks.Load;

/// <summary>
/// Where the machine's CPU went during one measured run: the load driver, the portal, and everything else (from
/// <c>/proc/stat</c>; null where that is unavailable). Driver and portal share the cores, so a busy neighbour
/// lowers both endpoints' throughput and the figures are only comparable when <see cref="OtherShare"/> is small.
/// </summary>
public sealed record CpuUsage(TimeSpan Elapsed, int Cores, double DriverSeconds, double PortalSeconds, double? MachineBusySeconds)
{
    /// <summary>CPU seconds the machine could have given in the run.</summary>
    public double CapacitySeconds => Elapsed.TotalSeconds * Cores;

    /// <summary>CPU seconds used by processes other than the driver and the portal.</summary>
    public double? OtherSeconds => MachineBusySeconds is { } busy ? Math.Max(0, busy - DriverSeconds - PortalSeconds) : null;

    public double? OtherShare => OtherSeconds / CapacitySeconds;

    public double? IdleShare => MachineBusySeconds is { } busy ? Math.Max(0, 1 - (busy / CapacitySeconds)) : null;
}
