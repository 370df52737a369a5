using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace ApexAgent.Benchmarks.Load;

/// <summary>
/// The portal running as a child process (<c>dotnet ApexAgent.Portal.dll</c>) on a free loopback port, with a
/// throwaway SQLite database in a temp folder and the demo seed on. Disposing kills it and deletes the folder.
/// </summary>
public sealed partial class PortalProcess : IDisposable
{
    private const int KeptLines = 200;
    private readonly Process process;
    private readonly DirectoryInfo tempFolder;
    private readonly Queue<string> recentLines = new();
    private readonly TaskCompletionSource<string> keyFound = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource exited = new();
    private readonly long startedAt = Stopwatch.GetTimestamp();
    private TimeSpan lastProcessorTime;
    private long outputLines;
    private long warningLines;
    private int disposed;

    private PortalProcess(Process process, DirectoryInfo tempFolder, Uri baseAddress)
    {
        this.process = process;
        this.tempFolder = tempFolder;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The portal's throwaway SQLite database file (the usage benchmark gives the demo organisation credits through it).</summary>
    public string DatabasePath => Path.Combine(tempFolder.FullName, "portal.db");

    /// <summary>The Pro user's demo API key, read from the start-up banner.</summary>
    public string ApiKey { get; private set; } = "";

    public int ProcessId => process.Id;

    /// <summary>CPU time the portal has used so far (the last reading once it has exited).</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            try
            {
                process.Refresh();
                return lastProcessorTime = process.TotalProcessorTime;
            }
            catch (InvalidOperationException)
            {
                return lastProcessorTime;
            }
        }
    }

    /// <summary>Cancelled when the portal exits (or is killed), so that load stops instead of hammering a closed port.</summary>
    public CancellationToken Exited => exited.Token;

    public bool HasExited => exited.IsCancellationRequested;

    /// <summary>How the portal ended, with its last output: for the report when it dies under load.</summary>
    public string DescribeExit() =>
        $"The portal (pid {process.Id}) exited with code {SafeExitCode(process)}{SignalHint(process)} " +
        $"{Stopwatch.GetElapsedTime(startedAt).TotalSeconds:0.0} s after it was started. Its last output:\n{RecentOutput()}";

    /// <summary>Lines the portal has written to stdout and stderr so far.</summary>
    public long OutputLines => Interlocked.Read(ref outputLines);

    /// <summary>Lines that look like a console log entry at warning level or above (<c>warn:</c>, <c>fail:</c>, <c>crit:</c>).</summary>
    public long WarningLines => Interlocked.Read(ref warningLines);

    public static async Task<PortalProcess> StartAsync(string portalDll, TimeSpan startTimeout, CancellationToken ct)
    {
        var port = FreeLoopbackPort();
        var tempFolder = Directory.CreateTempSubdirectory("apexagent-bench-");
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = Path.GetDirectoryName(portalDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(portalDll);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Benchmark"; // like Production, but demo data and the local mailbox are allowed
        start.Environment["DOTNET_ENVIRONMENT"] = "Benchmark";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ConnectionStrings__Portal"] = $"Data Source={Path.Combine(tempFolder.FullName, "portal.db")}";
        start.Environment["Email__LocalMailbox"] = "true";
        start.Environment["Demo__Seed"] = "true";

        // One key is driven as hard as 32 clients can: lift its rate limit so that the limiter still runs on every
        // request (its cost is measured) but never refuses.
        start.Environment["Api__RateLimit__RequestsPerSecond"] = "10000000";
        start.Environment["Api__RateLimit__Burst"] = "10000000";

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var portal = new PortalProcess(process, tempFolder, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => portal.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => portal.OnLine(e.Data);
        process.Exited += (_, _) =>
        {
            portal.keyFound.TrySetException(
                new InvalidOperationException($"The portal exited with code {SafeExitCode(process)} before printing its API key.\n{portal.RecentOutput()}"));
            portal.exited.Cancel();
        };

        try
        {
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            portal.ApiKey = await portal.keyFound.Task.WaitAsync(startTimeout, ct);
            return portal;
        }
        catch (TimeoutException)
        {
            portal.Dispose();
            throw new TimeoutException($"The portal did not print its API key within {startTimeout.TotalSeconds:0} s.\n{portal.RecentOutput()}");
        }
        catch
        {
            portal.Dispose();
            throw;
        }
    }

    /// <summary>The last lines the portal wrote, for diagnosing a failed start.</summary>
    public string RecentOutput()
    {
        lock (recentLines)
        {
            return string.Join('\n', recentLines);
        }
    }

    /// <summary>Kills the process tree and deletes the temp folder; safe to call more than once and from any thread.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Never started, or already gone.
        }

        process.Dispose();
        DeleteTempFolder();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        Interlocked.Increment(ref outputLines);
        if (line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref warningLines);
        }

        lock (recentLines)
        {
            recentLines.Enqueue(line);
            if (recentLines.Count > KeptLines)
            {
                recentLines.Dequeue();
            }
        }

        if (!keyFound.Task.IsCompleted && ProKeyLine().Match(line) is { Success: true } match)
        {
            keyFound.TrySetResult(match.Groups["key"].Value);
        }
    }

    private void DeleteTempFolder()
    {
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            try
            {
                tempFolder.Refresh();
                if (tempFolder.Exists)
                {
                    tempFolder.Delete(recursive: true);
                }

                return;
            }
            catch (IOException) when (attempt < 5)
            {
                Thread.Sleep(200);
            }
            catch (UnauthorizedAccessException) when (attempt < 5)
            {
                Thread.Sleep(200);
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The <c>dotnet</c> host that runs this program when it is one, else the one on PATH.</summary>
    private static string DotnetHost()
    {
        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk))
        {
            return fromSdk;
        }

        var self = Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }

    private static string SafeExitCode(Process process)
    {
        try
        {
            return process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            return "?";
        }
    }

    /// <summary>Exit codes above 128 on Linux mean "killed by signal (code - 128)".</summary>
    private static string SignalHint(Process process)
    {
        try
        {
            return process.ExitCode switch
            {
                137 => " (SIGKILL: killed by another process or the OOM killer)",
                143 => " (SIGTERM: asked to stop by another process)",
                134 => " (SIGABRT: the runtime aborted, e.g. an unhandled exception)",
                > 128 and < 160 => $" (signal {process.ExitCode - 128})",
                _ => "",
            };
        }
        catch (InvalidOperationException)
        {
            return "";
        }
    }

    [GeneratedRegex(@"Pro user API key\s+(?<key>apx_live_[0-9A-Za-z]{32})\b")]
    private static partial Regex ProKeyLine();
}
