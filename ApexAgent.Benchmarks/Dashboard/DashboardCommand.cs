using System.Diagnostics;
using System.Globalization;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Credits;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.ApiKeys;
using ApexAgent.Portal.Features.Audit;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Catalog;
using ApexAgent.Portal.Features.Credits;
using ApexAgent.Portal.Features.Credits.Analytics;
using ApexAgent.Portal.Features.Email;
using ApexAgent.Portal.Features.Organizations;
using ApexAgent.Portal.Features.Subscriptions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ApexAgent.Benchmarks.Dashboard;

/// <summary>
/// Performance target (d): one large organisation (50 people, 8 features) with N usage events over 90 days — the raw
/// UsageEvents and CreditEntries rows and the roll-ups the usage writer keeps — in a SQLite database built by the
/// portal's migrations; then times every query the /usage page and the utilisation report run, cold and warm.
/// </summary>
public static class DashboardCommand
{
    private const int Days = 90;
    private const int People = 50;
    private const int Repeats = 30;
    private static readonly (string Feature, long MilliPerUnit)[] Features =
    [
        ("agent.step", 1000), ("llm.tokens.small", 500), ("llm.tokens.standard", 2000), ("llm.tokens.frontier", 10000),
        ("browser.minute", 2000), ("sandbox.minute", 1000), ("image.generation", 20000), ("data.api_call", 5000),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var events = args.Length > 0 ? long.Parse(args[0], CultureInfo.InvariantCulture) : 10_000_000;
        var folder = Path.Combine(Path.GetTempPath(), "apexagent-dashboard", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "portal.db");
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Portal"] = $"Data Source={file}",
                ["Billing:ScheduleRuns"] = "false",
                ["Email:LocalMailbox"] = "true",
                ["Demo:Seed"] = "false",
            });
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton(TimeProvider.System);
            builder.AddPortalDatabase();
            builder.AddAudit();
            builder.AddAccounts();
            builder.AddEmail();
            builder.AddCatalog();
            builder.AddSubscriptions();
            builder.AddBilling();
            builder.AddApiKeys();
            builder.AddOrganizations();
            builder.AddCredits();
            await using var app = builder.Build();
            await app.PrepareDatabaseAsync();
            await app.EnsureCatalogAsync();

            var build = Stopwatch.StartNew();
            var actor = await SeedOrganizationAsync(app.Services);
            var rows = Generate(file, actor.OrganizationId, events);
            build.Stop();
            var size = new FileInfo(file).Length + (File.Exists(file + "-wal") ? new FileInfo(file + "-wal").Length : 0);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"built in {build.Elapsed.TotalSeconds:F0} s: {rows.Events:N0} usage events, {rows.Entries:N0} credit entries, {rows.UsageDays:N0} UsageDays, {rows.UsageHours:N0} UsageHours, {rows.BurnDays:N0} CreditBurnDays, {rows.Grants:N0} grants; database {size / 1024.0 / 1024.0:F0} MiB"));

            SqliteConnection.ClearAllPools();
            var analytics = app.Services.GetRequiredService<UsageAnalytics>();
            var utilisation = app.Services.GetRequiredService<CreditUtilisation>();
            var forecasts = app.Services.GetRequiredService<CreditForecasts>();
            var balances = app.Services.GetRequiredService<CreditBalances>();
            var today = await analytics.TodayAsync(actor, CancellationToken.None);
            var queries = new (string Name, Func<Task> Run)[]
            {
                ("/usage report, 30 days (by day×feature, previous period, by person, by grant kind, last 24 h)", () => analytics.ReportAsync(actor, UsagePeriod.Last(30, today), CancellationToken.None)),
                ("/usage report, 90 days", () => analytics.ReportAsync(actor, UsagePeriod.Last(90, today), CancellationToken.None)),
                ("/usage report, 7 days", () => analytics.ReportAsync(actor, UsagePeriod.Last(7, today), CancellationToken.None)),
                ("forecast (28 trailing days, live grants, 90-day projection)", () => forecasts.ForecastAsync(actor, CancellationToken.None)),
                ("low-balance card (balance)", () => balances.GetAsync(actor.OrganizationId, CancellationToken.None)),
                ("utilisation report, 90 days (members, units, allocation)", () => utilisation.BuildAsync(actor, UsagePeriod.Last(90, today), CancellationToken.None)),
                ("GET /usage/summary?groupBy=day, 90 days", () => analytics.SummaryAsync(actor, UsagePeriod.Last(90, today), "day", null, CancellationToken.None)),
                ("GET /usage/summary?groupBy=feature, 90 days", () => analytics.SummaryAsync(actor, UsagePeriod.Last(90, today), "feature", null, CancellationToken.None)),
                ("GET /usage/summary?groupBy=user, 90 days", () => analytics.SummaryAsync(actor, UsagePeriod.Last(90, today), "user", null, CancellationToken.None)),
            };
            Console.WriteLine("| Query | cold ms | warm p50 ms | warm p99 ms |");
            Console.WriteLine("|---|---:|---:|---:|");
            foreach (var (name, run) in queries)
            {
                var cold = await TimeAsync(run);
                var warm = new List<double>();
                for (var i = 0; i < Repeats; i++)
                {
                    warm.Add(await TimeAsync(run));
                }

                warm.Sort();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {cold:F1} | {warm[warm.Count / 2]:F1} | {warm[(int)Math.Ceiling(warm.Count * 0.99) - 1]:F1} |"));
            }

            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<double> TimeAsync(Func<Task> run)
    {
        var watch = Stopwatch.StartNew();
        await run();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static async Task<Actor> SeedOrganizationAsync(IServiceProvider services)
    {
        var now = DateTimeOffset.UtcNow;
        var started = now.AddDays(-Days - 5);
        var tier = await services.GetRequiredService<TierCatalog>().CurrentAsync(TierCode.Enterprise, CancellationToken.None);
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var org = new Organization { Id = Guid.CreateVersion7(started), Name = "Large organisation", Kind = OrganizationKind.Business, TimeZone = "UTC", CreatedAt = started };
        db.Organizations.Add(org);
        var owner = "";
        for (var i = 0; i < People; i++)
        {
            var id = Guid.NewGuid().ToString();
            owner = i == 0 ? id : owner;
            db.Users.Add(new PortalUser { Id = id, UserName = $"person{i}@large.test", Email = $"person{i}@large.test", Profile = new ProfileDetails { DisplayName = $"Person {i}", TimeZone = "UTC" }, CreatedAt = started });
            db.Memberships.Add(new Membership { Id = Guid.CreateVersion7(started), OrganizationId = org.Id, UserId = id, Role = i == 0 ? OrganizationRole.Owner : OrganizationRole.Member, CreatedAt = started });
        }

        db.Subscriptions.Add(Subscription.StartPaid(org.Id, tier, BillingCycle.Annual, People, SubscriptionStatus.Active, started));
        await db.SaveChangesAsync();
        return new Actor(owner, org.Id, new HashSet<string> { Permission.CreditsRead, Permission.CreditsAnalyticsRead }) { Assignment = new RoleAssignment(OrganizationRole.Owner, null) };
    }

    private sealed record Counts(long Events, long Entries, int UsageDays, int UsageHours, int BurnDays, int Grants);

    /// <summary>Raw batched inserts in one transaction per day, with the roll-ups summed from the same random stream.</summary>
    private static Counts Generate(string file, Guid org, long events)
    {
        var random = new Random(42);
        var orgText = org.ToString().ToUpperInvariant();
        var users = new string[People];
        using var connection = new SqliteConnection($"Data Source={file}");
        connection.Open();
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT UserId FROM Memberships ORDER BY CreatedAt, UserId";
            using var reader = read.ExecuteReader();
            for (var i = 0; reader.Read() && i < People; i++)
            {
                users[i] = reader.GetString(0);
            }
        }

        Exec(connection, "PRAGMA synchronous=OFF; PRAGMA cache_size=-200000;");
        var weights = Enumerable.Range(0, People).Select(i => 1.0 / (i + 1)).ToArray();
        var cumulative = new double[People];
        var sum = 0.0;
        for (var i = 0; i < People; i++)
        {
            sum += weights[i];
            cumulative[i] = sum;
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var first = today.AddDays(1 - Days);
        var dayWeights = Enumerable.Range(0, Days).Select(d => first.AddDays(d).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.4 : 1.0).ToArray();
        var dayTotal = dayWeights.Sum();
        const long dailyRefresh = 6_000_000; // Enterprise, 50 seats: 1,000 + 100 × 50 credits
        var usageDays = new Dictionary<(DateOnly, string, string), (long Events, long Qty, long Used)>();
        var usageHours = new Dictionary<(long, string), (long Events, long Used)>();
        var burn = new Dictionary<(DateOnly, GrantKind), long>();
        var grants = new List<(Guid Id, GrantKind Kind, long Amount, long Remaining, DateTimeOffset Starts, DateTimeOffset Ends, long Expired)>();
        long id = 0, written = 0;
        var baseGrant = Guid.NewGuid();

        using var insertEvent = connection.CreateCommand();
        insertEvent.CommandText = "INSERT INTO UsageEvents (Id, OrganizationId, EventId, Feature, QuantityThousandths, UserId, OccurredAt, RecordedAt, RateCardVersion, Deducted, BalanceAfter) VALUES ($id, $org, $event, $feature, $qty, $user, $at, $at, 1, $used, 0)";
        var pe = new[] { "$id", "$org", "$event", "$feature", "$qty", "$user", "$at", "$used" }.Select(n => insertEvent.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
        using var insertEntry = connection.CreateCommand();
        insertEntry.CommandText = "INSERT INTO CreditEntries (Id, OrganizationId, Kind, GrantId, GrantKind, Change, At, UsageEventId, UserId, Note) VALUES ($id, $org, 1, $grant, $kind, $change, $at, $id, $user, '')";
        var pc = new[] { "$id", "$org", "$grant", "$kind", "$change", "$at", "$user" }.Select(n => insertEntry.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();

        for (var d = 0; d < Days; d++)
        {
            var day = first.AddDays(d);
            var dayStart = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var count = d == Days - 1 ? events - written : (long)(events * dayWeights[d] / dayTotal);
            var refreshId = Guid.NewGuid();
            long refreshLeft = dailyRefresh;
            using var transaction = connection.BeginTransaction();
            insertEvent.Transaction = transaction;
            insertEntry.Transaction = transaction;
            for (long e = 0; e < count; e++)
            {
                id++;
                var pick = random.NextDouble() * sum;
                var u = Array.BinarySearch(cumulative, pick);
                var user = users[u < 0 ? Math.Min(~u, People - 1) : u];
                var (feature, price) = Features[random.Next(Features.Length)];
                var qty = random.Next(1, 4) * 1000L;
                var used = price * qty / 1000;
                var at = dayStart.AddSeconds(random.Next(0, 86_400));
                var kind = refreshLeft >= used ? GrantKind.DailyRefresh : GrantKind.Base;
                if (kind == GrantKind.DailyRefresh)
                {
                    refreshLeft -= used;
                }

                pe[0].Value = id; pe[1].Value = orgText; pe[2].Value = "evt-" + id.ToString(CultureInfo.InvariantCulture); pe[3].Value = feature;
                pe[4].Value = qty; pe[5].Value = user; pe[6].Value = at.UtcTicks; pe[7].Value = used;
                insertEvent.ExecuteNonQuery();
                pc[0].Value = id; pc[1].Value = orgText; pc[2].Value = (kind == GrantKind.DailyRefresh ? refreshId : baseGrant).ToString().ToUpperInvariant();
                pc[3].Value = (int)kind; pc[4].Value = -used; pc[5].Value = at.UtcTicks; pc[6].Value = user;
                insertEntry.ExecuteNonQuery();

                var key = (day, feature, user);
                var v = usageDays.GetValueOrDefault(key);
                usageDays[key] = (v.Events + 1, v.Qty + qty, v.Used + used);
                var hour = new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, 0, 0, TimeSpan.Zero).UtcTicks;
                var h = usageHours.GetValueOrDefault((hour, feature));
                usageHours[(hour, feature)] = (h.Events + 1, h.Used + used);
                burn[(day, kind)] = burn.GetValueOrDefault((day, kind)) + used;
            }

            transaction.Commit();
            written += count;
            grants.Add((refreshId, GrantKind.DailyRefresh, dailyRefresh, 0, dayStart, dayStart.AddDays(1), refreshLeft));
            if (d % 10 == 9)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {written:N0} events written"));
            }
        }

        var periodStart = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var baseUsed = burn.Where(b => b.Key.Item2 == GrantKind.Base).Sum(b => b.Value);
        grants.Add((baseGrant, GrantKind.Base, Math.Max(600_000_000, baseUsed + 50_000_000), Math.Max(600_000_000, baseUsed + 50_000_000) - baseUsed, periodStart, periodStart.AddYears(1), 0));
        for (var p = 0; p < 4; p++)
        {
            grants.Add((Guid.NewGuid(), GrantKind.Purchased, 20_000_000, 20_000_000, periodStart.AddDays(p * 20), periodStart.AddDays(p * 20).AddYears(1), 0));
        }

        using (var transaction = connection.BeginTransaction())
        {
            foreach (var ((day, feature, user), v) in usageDays)
            {
                Exec(connection, transaction, "INSERT INTO UsageDays (OrganizationId, Day, Feature, UserId, Events, QuantityThousandths, Used) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    orgText, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), feature, user, v.Events, v.Qty, v.Used);
            }

            foreach (var ((hour, feature), v) in usageHours)
            {
                Exec(connection, transaction, "INSERT INTO UsageHours (OrganizationId, Hour, Feature, Events, Used) VALUES ($1, $2, $3, $4, $5)", orgText, hour, feature, v.Events, v.Used);
            }

            foreach (var ((day, kind), used) in burn)
            {
                Exec(connection, transaction, "INSERT INTO CreditBurnDays (OrganizationId, Day, Kind, Used) VALUES ($1, $2, $3, $4)",
                    orgText, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), (int)kind, used);
            }

            foreach (var g in grants)
            {
                Exec(connection, transaction,
                    "INSERT INTO CreditGrants (Id, OrganizationId, Kind, Amount, Remaining, StartsAt, ExpiresAt, Source, Description, GrantedBy, CreatedAt, Expired, ClawedBack, ExpiredAt) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'benchmark', NULL, $6, $9, 0, NULL)",
                    g.Id.ToString().ToUpperInvariant(), orgText, (int)g.Kind, g.Amount, g.Remaining, g.Starts.UtcTicks, g.Ends.UtcTicks, $"bench:{g.Id}", g.Expired);
            }

            transaction.Commit();
        }

        Exec(connection, "PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;");
        return new Counts(written, written, usageDays.Count, usageHours.Count, burn.Count, grants.Count);
    }

    private static void Exec(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void Exec(SqliteConnection connection, SqliteTransaction transaction, string sql, params object[] values)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue("$" + (i + 1).ToString(CultureInfo.InvariantCulture), values[i]);
        }

        command.ExecuteNonQuery();
    }
}
