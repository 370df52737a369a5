using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using ApexAgent.Benchmarks.Load;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Credits;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Credits;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Benchmarks.Usage;

/// <summary>
/// <c>usage</c>: the usage hot path (issue 5, performance a–c), in one run. Starts the portal (Release, throwaway
/// SQLite, demo seed), gives the demo organisation a very large grant, then measures (a) single-event
/// <c>POST /api/v1/usage</c> with 32 concurrent clients, (b) <c>POST /api/v1/usage/batch</c> with 1,000-event batches,
/// stops the portal, and measures (c) the same rows (usage events, ledger entries, grant updates) written straight into
/// a fresh SQLite database of the same schema by a plain batched insert in this process: the storage's ceiling.
/// </summary>
public static class UsageCommand
{
    private const int BatchSize = 1_000;

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var duration = TimeSpan.FromSeconds(Option(args, "--duration", 15));
        var warmup = TimeSpan.FromSeconds(Option(args, "--warmup", 3));
        var clients = Option(args, "--clients", 32);
        var batchClients = Option(args, "--batch-clients", 4);
        var markdownPath = args.SkipWhile(a => a != "--markdown").Skip(1).FirstOrDefault();

        var dll = PortalLocator.FindPortalDll();
        Console.WriteLine($"Starting {dll}");
        Figures single, batch;
        using (var portal = await PortalProcess.StartAsync(dll, TimeSpan.FromSeconds(60), CancellationToken.None))
        {
            using var handler = new SocketsHttpHandler
            {
                MaxConnectionsPerServer = Math.Max(clients, batchClients),
                UseProxy = false,
                UseCookies = false,
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.None,
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            };
            using var http = new HttpClient(handler) { BaseAddress = portal.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer " + portal.ApiKey);
            var organization = await OrganizationOfKeyAsync(http);
            await GiveCreditsAsync(portal.DatabasePath, organization);
            Console.WriteLine($"Portal pid {portal.ProcessId} on {portal.BaseAddress}; organisation {organization} has credits.");

            var run = Guid.NewGuid().ToString("N")[..8];
            using (var probe = await http.PostAsync("/api/v1/usage", Json($$"""{"eventId":"probe-{{run}}","feature":"agent.step","quantity":1}""")))
            {
                var text = await probe.Content.ReadAsStringAsync();
                Console.WriteLine($"POST /api/v1/usage -> {(int)probe.StatusCode} {text}");
                if (!probe.IsSuccessStatusCode)
                {
                    return 1;
                }
            }

            await DriveAsync(http, clients, warmup, (c, n) => SingleBody($"w{run}", c, n), "/api/v1/usage", 1, portal);
            single = await DriveAsync(http, clients, duration, (c, n) => SingleBody($"s{run}", c, n), "/api/v1/usage", 1, portal);
            Console.WriteLine(Report("(a) single", single));
            await DriveAsync(http, batchClients, warmup, (c, n) => BatchBody($"v{run}", c, n), "/api/v1/usage/batch", BatchSize, portal);
            batch = await DriveAsync(http, batchClients, duration, (c, n) => BatchBody($"b{run}", c, n), "/api/v1/usage/batch", BatchSize, portal);
            Console.WriteLine(Report("(b) batch", batch));
        }

        var ceiling = PlainInsert(duration);
        Console.WriteLine(Report("(c) plain insert", ceiling));

        var markdown = Markdown(single, batch, ceiling, clients, batchClients);
        Console.WriteLine();
        Console.WriteLine(markdown);
        if (markdownPath is not null)
        {
            await File.WriteAllTextAsync(markdownPath, markdown);
        }

        var passed = single.EventsPerSecond >= 5_000 && single.P99Ms < 25 && batch.EventsPerSecond >= 50_000 && batch.EventsPerSecond >= 0.5 * ceiling.EventsPerSecond;
        return passed ? 0 : 1;
    }

    private static async Task<Figures> DriveAsync(HttpClient http, int clients, TimeSpan duration, Func<int, int, byte[]> body, string path, int eventsPerRequest, PortalProcess portal)
    {
        var load = LoadAverage();
        var cpu = CpuMeter.Start(portal);
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var latencies = new List<long>[clients];
        var errors = new long[clients];
        var statuses = new Dictionary<int, long>[clients];
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var mine = latencies[c] = new List<long>(64 * 1024);
            var seen = statuses[c] = [];
            for (var n = 0; Stopwatch.GetTimestamp() < deadline; n++)
            {
                var content = body(c, n);
                var sent = Stopwatch.GetTimestamp();
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(content) };
                    request.Content.Headers.ContentType = new("application/json");
                    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                    _ = await response.Content.ReadAsByteArrayAsync();
                    seen[(int)response.StatusCode] = seen.GetValueOrDefault((int)response.StatusCode) + 1;
                    if (!response.IsSuccessStatusCode)
                    {
                        errors[c]++;
                        continue;
                    }
                }
                catch (HttpRequestException)
                {
                    errors[c]++;
                    continue;
                }

                mine.Add(Stopwatch.GetTimestamp() - sent);
            }
        })));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var usage = cpu.Stop();
        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        var statusText = string.Join(", ", statuses.SelectMany(s => s).GroupBy(s => s.Key).Select(g => $"{g.Key}: {g.Sum(x => x.Value):N0}"));
        return new Figures(all.LongLength * eventsPerRequest, all.LongLength, errors.Sum(), elapsed, Percentile(all, 50), Percentile(all, 99), load, LoadAverage(), usage.PortalSeconds, usage.DriverSeconds, statusText);
    }

    /// <summary>(c): usage events, one ledger entry each and one grant update per batch of 1,000, in one transaction per batch.</summary>
    private static Figures PlainInsert(TimeSpan duration)
    {
        var folder = Directory.CreateTempSubdirectory("apexagent-bench-plain-");
        try
        {
            var path = Path.Combine(folder.FullName, "plain.db");
            var organization = Guid.NewGuid();
            var grant = Guid.CreateVersion7();
            using (var db = Context(path))
            {
                db.Database.Migrate();
                db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
                db.CreditGrants.Add(new Grant
                {
                    Id = grant, OrganizationId = organization, Kind = GrantKind.Promotional, Amount = long.MaxValue / 4, Remaining = long.MaxValue / 4,
                    StartsAt = DateTimeOffset.UtcNow.AddDays(-1), ExpiresAt = DateTimeOffset.UtcNow.AddYears(1), Source = "bench", Description = "bench", CreatedAt = DateTimeOffset.UtcNow,
                });
                db.SaveChanges();
            }

            using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}");
            connection.Open();
            using (var pragmas = connection.CreateCommand())
            {
                pragmas.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;";
                pragmas.ExecuteNonQuery();
            }

            var org = organization.ToString().ToUpperInvariant();
            var grantText = grant.ToString().ToUpperInvariant();
            using var insertEvent = connection.CreateCommand();
            insertEvent.CommandText = """
                INSERT INTO "UsageEvents" ("OrganizationId", "EventId", "Feature", "QuantityThousandths", "UserId", "ApiKeyId", "OccurredAt", "RecordedAt", "RateCardVersion", "Deducted", "BalanceAfter", "Metadata")
                VALUES ($o, $e, 'agent.step', 1000, 'bench-user', NULL, $now, $now, 1, 1000, $b, NULL) RETURNING "Id"
                """;
            var pe = insertEvent.Parameters.Add("$e", Microsoft.Data.Sqlite.SqliteType.Text);
            var pb = insertEvent.Parameters.Add("$b", Microsoft.Data.Sqlite.SqliteType.Integer);
            insertEvent.Parameters.AddWithValue("$o", org);
            var pnow = insertEvent.Parameters.Add("$now", Microsoft.Data.Sqlite.SqliteType.Integer);
            using var insertEntry = connection.CreateCommand();
            insertEntry.CommandText = """
                INSERT INTO "CreditEntries" ("OrganizationId", "Kind", "GrantId", "GrantKind", "Change", "At", "UsageEventId", "UserId", "Reverses", "Note")
                VALUES ($o, 1, $g, 5, -1000, $now, $id, 'bench-user', NULL, 'agent.step')
                """;
            insertEntry.Parameters.AddWithValue("$o", org);
            insertEntry.Parameters.AddWithValue("$g", grantText);
            var enow = insertEntry.Parameters.Add("$now", Microsoft.Data.Sqlite.SqliteType.Integer);
            var pid = insertEntry.Parameters.Add("$id", Microsoft.Data.Sqlite.SqliteType.Integer);
            using var updateGrant = connection.CreateCommand();
            updateGrant.CommandText = """UPDATE "CreditGrants" SET "Remaining" = "Remaining" - $t WHERE "Id" = $g""";
            updateGrant.Parameters.AddWithValue("$t", 1000L * BatchSize);
            updateGrant.Parameters.AddWithValue("$g", grantText);

            var load = LoadAverage();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var latencies = new List<long>();
            var started = Stopwatch.GetTimestamp();
            var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            var n = 0L;
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var batchStart = Stopwatch.GetTimestamp();
                using var transaction = connection.BeginTransaction();
                insertEvent.Transaction = insertEntry.Transaction = updateGrant.Transaction = transaction;
                var now = DateTimeOffset.UtcNow.UtcTicks;
                pnow.Value = enow.Value = now;
                for (var i = 0; i < BatchSize; i++, n++)
                {
                    pe.Value = "plain-" + n.ToString(CultureInfo.InvariantCulture);
                    pb.Value = -n;
                    pid.Value = (long)insertEvent.ExecuteScalar()!;
                    insertEntry.ExecuteNonQuery();
                }

                updateGrant.ExecuteNonQuery();
                transaction.Commit();
                latencies.Add(Stopwatch.GetTimestamp() - batchStart);
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            var sorted = latencies.ToArray();
            Array.Sort(sorted);
            return new Figures(n, sorted.LongLength, 0, elapsed, Percentile(sorted, 50), Percentile(sorted, 99), load, LoadAverage(), 0, cpu, "");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static async Task<Guid> OrganizationOfKeyAsync(HttpClient http)
    {
        var me = JsonDocument.Parse(await http.GetStringAsync("/api/v1/me")).RootElement;
        return me.GetProperty("organization").GetProperty("id").GetGuid();
    }

    /// <summary>A grant no run can exhaust, written through the ledger's own code into the portal's database.</summary>
    private static async Task GiveCreditsAsync(string databasePath, Guid organization)
    {
        await using var db = Context(databasePath);
        var now = DateTimeOffset.UtcNow;
        var given = await CreditBooks.GiveAsync(db, new GrantRequest(organization, GrantKind.Promotional, new Millicredits(1_000_000_000_000_000), now.AddHours(-1), now.AddYears(1), "benchmark", "Benchmark credits"), now, CancellationToken.None);
        if (!given.IsSuccess)
        {
            throw new InvalidOperationException(given.Error.Message);
        }

        await db.SaveChangesAsync();
    }

    private static PortalDbContext Context(string path) =>
        new(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite($"Data Source={path};Default Timeout=30")
            .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning)).Options);

    private static byte[] SingleBody(string run, int client, int n) =>
        Encoding.UTF8.GetBytes($$"""{"eventId":"{{run}}-{{client}}-{{n}}","feature":"agent.step","quantity":1}""");

    private static byte[] BatchBody(string run, int client, int n)
    {
        var text = new StringBuilder(BatchSize * 80).Append("{\"events\":[");
        for (var i = 0; i < BatchSize; i++)
        {
            text.Append(i == 0 ? "" : ",").Append("{\"eventId\":\"").Append(run).Append('-').Append(client).Append('-').Append(n).Append('-').Append(i)
                .Append("\",\"feature\":\"").Append(i % 3 == 0 ? "llm.tokens.standard" : "agent.step").Append("\",\"quantity\":").Append(i % 3 == 0 ? "1500" : "1").Append('}');
        }

        return Encoding.UTF8.GetBytes(text.Append("]}").ToString());
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static double Percentile(long[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)] * 1000.0 / Stopwatch.Frequency;

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static int Option(IReadOnlyList<string> args, string name, int fallback)
    {
        for (var i = 0; i < args.Count - 1; i++)
        {
            if (args[i] == name)
            {
                return int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            }
        }

        return fallback;
    }

    private static string Report(string name, Figures f) => string.Create(CultureInfo.InvariantCulture,
        $"{name}: {f.Events:N0} events in {f.Elapsed.TotalSeconds:0.0} s = {f.EventsPerSecond:N0} events/s ({f.Requests:N0} requests, {f.Errors:N0} errors), p50 {f.P50Ms:0.00} ms, p99 {f.P99Ms:0.00} ms; CPU s portal {f.PortalCpu:0.0}, driver {f.DriverCpu:0.0}; load {f.LoadBefore} → {f.LoadAfter} {f.Statuses}");

    private static string Markdown(Figures single, Figures batch, Figures ceiling, int clients, int batchClients)
    {
        var ratio = batch.EventsPerSecond / ceiling.EventsPerSecond;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Run {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, Release, SQLite (WAL, synchronous=NORMAL).");
        text.AppendLine();
        text.AppendLine("| Measure | Events/s | Requests | p50 | p99 | CPU s (portal / driver) | Load average before → after | Target | Met |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---|---|---|");
        Row(text, $"(a) POST /api/v1/usage, {clients} clients", single, "≥ 5,000/s, p99 < 25 ms", single.EventsPerSecond >= 5_000 && single.P99Ms < 25);
        Row(text, $"(b) POST /api/v1/usage/batch, 1,000 events, {batchClients} clients", batch, "≥ 50,000/s", batch.EventsPerSecond >= 50_000);
        Row(text, "(c) plain batched insert (ceiling), 1,000 per transaction", ceiling, "—", true);
        text.AppendLine(CultureInfo.InvariantCulture, $"| (b) ÷ (c) | {ratio:0.00} | | | | | | ≥ 0.5 | {(ratio >= 0.5 ? "yes" : "no")} |");
        return text.ToString();
    }

    private static void Row(StringBuilder text, string name, Figures f, string target, bool met) =>
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| {name} | {f.EventsPerSecond:N0} | {f.Requests:N0} | {f.P50Ms:0.00} ms | {f.P99Ms:0.00} ms | {f.PortalCpu:0.0} / {f.DriverCpu:0.0} | {f.LoadBefore} → {f.LoadAfter} | {target} | {(met ? "yes" : "no")} |");

    private sealed record Figures(long Events, long Requests, long Errors, TimeSpan Elapsed, double P50Ms, double P99Ms, string LoadBefore, string LoadAfter, double PortalCpu, double DriverCpu, string Statuses)
    {
        public double EventsPerSecond => Events / Elapsed.TotalSeconds;
    }
}
