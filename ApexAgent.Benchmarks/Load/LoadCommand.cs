using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace ApexAgent.Benchmarks.Load;

/// <summary>
/// <c>load</c>: starts the portal on loopback, then measures <c>GET /health/live</c> (the baseline: no
/// authentication, no database) and <c>GET /api/v1/me</c> with the demo API key, one after the other.
/// </summary>
public static class LoadCommand
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        LoadOptions options;
        try
        {
            options = LoadOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine("Usage: " + LoadOptions.Usage);
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        PortalProcess? portal = null;
        void OnCancelKey(object? sender, ConsoleCancelEventArgs e)
        {
            e.Cancel = true;
            cancel.Cancel();
        }

        void OnProcessExit(object? sender, EventArgs e) => Volatile.Read(ref portal)?.Dispose();

        Console.CancelKeyPress += OnCancelKey;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        try
        {
            var dll = PortalLocator.FindPortalDll();
            Console.WriteLine($"Starting {dll}");
            var started = Stopwatch.GetTimestamp();
            Volatile.Write(ref portal, await PortalProcess.StartAsync(dll, StartTimeout, cancel.Token));
            Console.WriteLine(Invariant($"Portal pid {portal!.ProcessId} listening on {portal.BaseAddress} after {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s; key {portal.ApiKey[..15]}…"));

            using var handler = new SocketsHttpHandler
            {
                MaxConnectionsPerServer = options.Clients,
                UseProxy = false,
                UseCookies = false,
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.None,
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
                ConnectTimeout = TimeSpan.FromSeconds(5),
            };
            using var http = new HttpClient(handler) { BaseAddress = portal.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };

            var health = new EndpointRequest("health", "/health/live", null);
            var me = new EndpointRequest("me", "/api/v1/me", portal.ApiKey);
            await ProbeAsync(http, health, cancel.Token);
            await ProbeAsync(http, me, cancel.Token);

            var logLinesBefore = 0L;
            var warningLinesBefore = 0L;
            var logLines = 0L;
            var warningLines = 0L;
            var results = new List<LoadResult>();
            EndpointRequest[] endpoints = [health, me];
            using var running = CancellationTokenSource.CreateLinkedTokenSource(cancel.Token, portal.Exited);

            // Warm both before measuring either, so that the baseline (measured first) does not pay for the
            // server's JIT tier-up of the shared pipeline and flatter the ratio.
            foreach (var endpoint in options.WarmupSeconds > 0 ? endpoints : [])
            {
                Console.WriteLine(Invariant($"Warming up {endpoint.Name} for {options.WarmupSeconds} s…"));
                var warmup = await EndpointLoad.RunAsync(http, endpoint, options.Clients, options.Warmup, options.MaxRequests, running.Token);
                Console.WriteLine(Invariant($"  warm-up: {warmup.Responses:N0} responses, {warmup.Errors:N0} errors"));
            }

            foreach (var endpoint in endpoints)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                logLinesBefore = portal.OutputLines;
                warningLinesBefore = portal.WarningLines;
                Console.WriteLine(Invariant($"{DateTimeOffset.UtcNow:HH:mm:ss} Measuring {endpoint.Name} ({endpoint.Path}) for {options.DurationSeconds} s with {options.Clients} clients…"));
                var meter = CpuMeter.Start(portal);
                var result = await EndpointLoad.RunAsync(http, endpoint, options.Clients, options.Duration, options.MaxRequests, running.Token);
                result = result with { Cpu = meter.Stop() };
                logLines += portal.OutputLines - logLinesBefore;
                warningLines += portal.WarningLines - warningLinesBefore;
                Console.WriteLine(Invariant($"{DateTimeOffset.UtcNow:HH:mm:ss}   {result.Responses:N0} responses in {result.Elapsed.TotalSeconds:0.00} s = {result.RequestsPerSecond:N0}/s, p99 {result.P99Ms:0.000} ms, {result.Errors:N0} errors; CPU s driver {result.Cpu!.DriverSeconds:0.0}, portal {result.Cpu.PortalSeconds:0.0}, other {result.Cpu.OtherSeconds:0.0}"));
                results.Add(result);
            }

            var report = new LoadReport(options, results[0], results[1], logLines, warningLines, DateTimeOffset.UtcNow);
            var markdown = report.ToMarkdown();
            Console.WriteLine();
            Console.WriteLine(markdown);
            if (options.MarkdownPath is { } path)
            {
                await File.WriteAllTextAsync(path, markdown, CancellationToken.None);
                Console.WriteLine($"Written to {Path.GetFullPath(path)}");
            }

            if (warningLines > 0)
            {
                Console.WriteLine("Last portal output:");
                Console.WriteLine(portal.RecentOutput());
            }

            return report.Passed ? 0 : 1;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine("Cancelled.");
            return 130;
        }
        catch (Exception e) when (Volatile.Read(ref portal) is { HasExited: true } dead)
        {
            Console.Error.WriteLine(Invariant($"{DateTimeOffset.UtcNow:HH:mm:ss} FAILED: the portal died under load ({e.GetType().Name})."));
            Console.Error.WriteLine(dead.DescribeExit());
            return 3;
        }
        finally
        {
            Volatile.Read(ref portal)?.Dispose();
            Console.CancelKeyPress -= OnCancelKey;
            AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        }
    }

    /// <summary>One request first, so that a misconfigured run fails loudly instead of measuring 401s.</summary>
    private static async Task ProbeAsync(HttpClient http, EndpointRequest endpoint, CancellationToken ct)
    {
        using var request = endpoint.Create();
        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(Invariant($"GET {endpoint.Path} answered {(int)response.StatusCode}: {body}"));
        }

        Console.WriteLine(Invariant($"GET {endpoint.Path} -> {(int)response.StatusCode} {Truncate(body, 160)}"));
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length] + "…";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
