using System.Diagnostics;
using System.Globalization;

namespace ApexAgent.Benchmarks.Load;

/// <summary>Takes CPU readings at the start and end of a run and turns them into a <see cref="CpuUsage"/>.</summary>
public sealed class CpuMeter
{
    private const string ProcStat = "/proc/stat";
    private static readonly double ClockTicksPerSecond = 100; // USER_HZ, 100 on every Linux the SDK supports
    private readonly PortalProcess portal;
    private readonly long started;
    private readonly TimeSpan driverAtStart;
    private readonly TimeSpan portalAtStart;
    private readonly long? machineBusyAtStart;

    private CpuMeter(PortalProcess portal)
    {
        this.portal = portal;
        machineBusyAtStart = MachineBusyTicks();
        driverAtStart = Process.GetCurrentProcess().TotalProcessorTime;
        portalAtStart = portal.ProcessorTime;
        started = Stopwatch.GetTimestamp();
    }

    public static CpuMeter Start(PortalProcess portal) => new(portal);

    public CpuUsage Stop()
    {
        var elapsed = Stopwatch.GetElapsedTime(started);
        var portalSeconds = (portal.ProcessorTime - portalAtStart).TotalSeconds;
        var driverSeconds = (Process.GetCurrentProcess().TotalProcessorTime - driverAtStart).TotalSeconds;
        var machineBusy = MachineBusyTicks() - machineBusyAtStart;
        return new CpuUsage(elapsed, Environment.ProcessorCount, driverSeconds, portalSeconds, machineBusy / ClockTicksPerSecond);
    }

    /// <summary>user + nice + system + irq + softirq + steal, in clock ticks, for all cores together.</summary>
    private static long? MachineBusyTicks()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists(ProcStat))
        {
            return null;
        }

        using var reader = new StreamReader(ProcStat);
        var fields = reader.ReadLine()?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields is null || fields.Length < 9 || fields[0] != "cpu")
        {
            return null;
        }

        long Field(int index) => long.Parse(fields[index], NumberStyles.None, CultureInfo.InvariantCulture);
        return Field(1) + Field(2) + Field(3) + Field(6) + Field(7) + Field(8);
    }
}
