using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace ApexAgent.Benchmarks.Load;

/// <summary>
/// The outcome of a load run, judged against the product targets: the authenticated endpoint keeps at least
/// <see cref="MinimumRatio"/> of the baseline's throughput, its p99 stays under <see cref="MaximumP99Ms"/> ms,
/// and it answers without errors (a fast 401 is not a pass).
/// </summary>
public sealed record LoadReport(LoadOptions Options, LoadResult Baseline, LoadResult Target, long PortalLogLines, long PortalWarningLines, DateTimeOffset At)
{
    public const double MinimumRatio = 0.8;
    public const double MaximumP99Ms = 5.0;

    /// <summary>Above this share of the machine's CPU going to other processes, a run is reported as disturbed.</summary>
    public const double MaximumOtherShare = 0.05;

    public double Ratio => Baseline.RequestsPerSecond > 0 ? Target.RequestsPerSecond / Baseline.RequestsPerSecond : 0;

    public bool RatioMet => Ratio >= MinimumRatio;

    public bool P99Met => Target.P99Ms < MaximumP99Ms;

    public bool ErrorFree => Target.Errors == 0 && Baseline.Errors == 0;

    public bool Passed => RatioMet && P99Met && ErrorFree;

    /// <summary>Whether other processes left the machine to the driver and the portal (unknown counts as quiet).</summary>
    public bool Quiet => (Baseline.Cpu?.OtherShare ?? 0) <= MaximumOtherShare && (Target.Cpu?.OtherShare ?? 0) <= MaximumOtherShare;

    /// <summary>Portal CPU per request of the target over the baseline's: the server-side cost ratio.</summary>
    public double? PortalCostRatio => Target.PortalCpuMicrosecondsPerRequest / Baseline.PortalCpuMicrosecondsPerRequest;

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        Line(text, $"Run at {At:yyyy-MM-dd HH:mm:ss} UTC on {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}; load driver and portal share these cores.");
        Line(text, $"{Options.Clients} concurrent clients per endpoint, {Options.WarmupSeconds} s warm-up then {Options.DurationSeconds} s measured, cap {Options.MaxRequests:N0} requests, HTTP/1.1 keep-alive over 127.0.0.1.");
        text.AppendLine();
        text.AppendLine("| Endpoint | Requests | Errors | Requests/s | Mean (ms) | p50 (ms) | p90 (ms) | p99 (ms) | Max (ms) |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        Row(text, Baseline);
        Row(text, Target);
        text.AppendLine();
        Line(text, $"- Throughput ratio ({Target.Endpoint.Name} / {Baseline.Endpoint.Name}): **{Ratio:0.000}** (target >= {MinimumRatio:0.0}) — {Verdict(RatioMet)}");
        Line(text, $"- {Target.Endpoint.Name} p99: **{Target.P99Ms:0.000} ms** (target < {MaximumP99Ms:0} ms) — {Verdict(P99Met)}");
        Line(text, $"- Errors: {Baseline.Endpoint.Name} {Baseline.Errors:N0}, {Target.Endpoint.Name} {Target.Errors:N0} (must be 0) — {Verdict(ErrorFree)}");
        Line(text, $"- Status codes: {Baseline.Endpoint.Name} {Statuses(Baseline)}; {Target.Endpoint.Name} {Statuses(Target)}");
        if (Baseline.StoppedByRequestCap || Target.StoppedByRequestCap)
        {
            Line(text, $"- Note: the request cap of {Options.MaxRequests:N0} ended a run before its duration.");
        }

        Line(text, $"- Portal output during the measured runs: {PortalLogLines:N0} lines ({PortalWarningLines:N0} at warning level or above)");
        if (PortalCostRatio is { } cost)
        {
            Line(text, $"- Portal CPU per request, {Target.Endpoint.Name} / {Baseline.Endpoint.Name}: {cost:0.00}x");
        }

        if (!Quiet)
        {
            Line(text, $"- **Disturbed:** other processes used more than {MaximumOtherShare * 100:0}% of the machine's CPU during a measured run (see the CPU table); throughput and latency are lower and noisier than on a quiet machine.");
        }

        Line(text, $"- **Verdict: {Verdict(Passed)}**");
        if (Baseline.Cpu is not null && Target.Cpu is not null)
        {
            text.AppendLine();
            text.AppendLine("| CPU during the measured run | Driver (CPU s) | Portal (CPU s) | Other processes (CPU s) | Idle | Driver µs CPU/request | Portal µs CPU/request |");
            text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
            CpuRow(text, Baseline);
            CpuRow(text, Target);
        }

        return text.ToString();
    }

    private static void Row(StringBuilder text, LoadResult result) =>
        Line(text, $"| `GET {result.Endpoint.Path}`{(result.Endpoint.BearerToken is null ? "" : " (API key)")} | {result.Responses:N0} | {result.Errors:N0} | {result.RequestsPerSecond:N0} | {result.MeanMs:0.000} | {result.P50Ms:0.000} | {result.P90Ms:0.000} | {result.P99Ms:0.000} | {result.MaxMs:0.000} |");

    private static void CpuRow(StringBuilder text, LoadResult result)
    {
        var cpu = result.Cpu!;
        Line(text, $"| `GET {result.Endpoint.Path}` ({cpu.Elapsed.TotalSeconds:0.0} s x {cpu.Cores} cores = {cpu.CapacitySeconds:0.0} CPU s) | {cpu.DriverSeconds:0.0} | {cpu.PortalSeconds:0.0} | {Optional(cpu.OtherSeconds, "0.0")} ({Optional(cpu.OtherShare * 100, "0")}%) | {Optional(cpu.IdleShare * 100, "0")}% | {result.DriverCpuMicrosecondsPerRequest:0.0} | {result.PortalCpuMicrosecondsPerRequest:0.0} |");
    }

    private static string Optional(double? value, string format) =>
        value is { } number ? number.ToString(format, CultureInfo.InvariantCulture) : "n/a";

    private static string Statuses(LoadResult result)
    {
        var parts = result.StatusCounts.OrderBy(s => s.Key).Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key} × {s.Value:N0}")).ToList();
        if (result.TransportFailures > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"transport failures × {result.TransportFailures:N0}"));
        }

        return parts.Count == 0 ? "none" : string.Join(", ", parts);
    }

    private static string Verdict(bool ok) => ok ? "PASS" : "FAIL";

    private static void Line(StringBuilder text, FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));
}
