using System.Diagnostics;
using System.Globalization;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.ApiKeys;
using ApexAgent.Portal.Features.Audit;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Catalog;
using ApexAgent.Portal.Features.Credits;
using ApexAgent.Portal.Features.Email;
using ApexAgent.Portal.Features.Organizations;
using ApexAgent.Portal.Features.Subscriptions;
using ApexAgent.Portal.Integrations.Sandbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ApexAgent.Benchmarks.Renewals;

/// <summary>
/// Times one billing run over N due renewals (Pro monthly, a 4242 sandbox card, the period just ended) seeded into a
/// throwaway SQLite database built by the portal's migrations, with the portal's own service registrations.
/// </summary>
public static class RenewalCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [10_000, 100_000];
        var results = new List<(int N, double Seconds)>();
        foreach (var n in sizes)
        {
            var seconds = await MeasureAsync(n);
            results.Add((n, seconds));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"renewals N={n,7:N0}: {seconds,8:F2} s, {n / seconds,8:F0} renewals/s, {seconds * 1e6 / n,8:F0} µs per renewal"));
        }

        if (results.Count >= 2)
        {
            var (small, large) = (results[0], results[^1]);
            var ratio = (large.Seconds / large.N) / (small.Seconds / small.N);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cost per renewal, N={large.N:N0} / N={small.N:N0}: {ratio:F2}"));
        }

        return 0;
    }

    private static async Task<double> MeasureAsync(int n)
    {
        var folder = Path.Combine(Path.GetTempPath(), "apexagent-renewals", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Portal"] = $"Data Source={Path.Combine(folder, "portal.db")}",
                ["Billing:ScheduleRuns"] = "false",
                ["Email:LocalMailbox"] = "true",
                ["Demo:Seed"] = "false",
            });
            builder.Logging.ClearProviders();
            if (Environment.GetEnvironmentVariable("RENEWALS_SQL_LOG") == "1")
            {
                builder.Logging.AddSimpleConsole(o => { o.TimestampFormat = "HH:mm:ss.fff "; o.SingleLine = true; }).SetMinimumLevel(LogLevel.Debug).AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Information).AddFilter("Microsoft.EntityFrameworkCore.Database.Transaction", LogLevel.Debug).AddFilter("Microsoft.EntityFrameworkCore.Database.Connection", LogLevel.Debug);
            }

            builder.Services.AddSingleton(TimeProvider.System);
            builder.AddPortalDatabase();
            builder.AddAudit();
            builder.AddAccounts();
            builder.AddEmail();
            builder.AddCatalog();
            builder.AddSubscriptions();
            builder.AddBilling();
            builder.AddCredits();
            builder.AddApiKeys();
            builder.AddOrganizations();
            await using var app = builder.Build();
            await app.PrepareDatabaseAsync();
            await app.EnsureCatalogAsync();
            await SeedAsync(app.Services, n);

            var run = app.Services.GetRequiredService<BillingRun>();
            var process = Process.GetCurrentProcess();
            var cpuAtStart = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var renewed = await run.RenewDueAsync(CancellationToken.None);
            var renewing = watch.Elapsed;
            process.Refresh();
            var cpuRenewing = process.TotalProcessorTime - cpuAtStart;
            var (paid, failed) = await run.CollectDueAsync(CancellationToken.None);
            var collecting = watch.Elapsed - renewing;
            process.Refresh();
            var cpuCharging = process.TotalProcessorTime - cpuAtStart - cpuRenewing;
            var summary = new BillingRunSummary(renewed, paid, failed, await run.FallBackAsync(CancellationToken.None), await run.SendRenewalNoticesAsync(CancellationToken.None));
            watch.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  N={n:N0}: renewing {renewing.TotalSeconds:F2} s, charging {collecting.TotalSeconds:F2} s, the rest {(watch.Elapsed - renewing - collecting).TotalSeconds:F2} s (CPU time of the process, all threads: renewing {cpuRenewing.TotalSeconds:F2} s, charging {cpuCharging.TotalSeconds:F2} s)"));
            await VerifyAsync(app.Services, n, summary);
            return watch.Elapsed.TotalSeconds;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task SeedAsync(IServiceProvider services, int n)
    {
        var now = DateTimeOffset.UtcNow;
        var started = now.AddMonths(-1).AddMinutes(-10);
        var pro = await services.GetRequiredService<TierCatalog>().CurrentAsync(TierCode.Pro, CancellationToken.None);
        var factory = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        const int batch = 5_000;
        for (var offset = 0; offset < n; offset += batch)
        {
            await using var db = await factory.CreateDbContextAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = offset; i < Math.Min(n, offset + batch); i++)
            {
                var organizationId = Guid.CreateVersion7(started);
                var token = SandboxCardVault.Tokenise("4242424242424242", 12, now.Year + 3, "123", now).Value;
                var method = new PaymentMethod
                {
                    Id = Guid.CreateVersion7(started), OrganizationId = organizationId, ProcessorToken = token.Token, Brand = token.Brand,
                    Last4 = token.Last4, ExpMonth = token.ExpMonth, ExpYear = token.ExpYear, CreatedAt = started,
                };
                db.Organizations.Add(new Organization { Id = organizationId, Name = $"Renewal org {i}", CreatedAt = started });
                db.PaymentMethods.Add(method);
                db.BillingAccounts.Add(new BillingAccount
                {
                    OrganizationId = organizationId, BillingName = $"Renewal org {i}", BillingEmail = $"owner{i}@example.test",
                    ProcessorCustomerId = $"sbx_cus_{organizationId:N}", DefaultPaymentMethodId = method.Id, CreatedAt = started,
                });
                db.Subscriptions.Add(Subscription.StartPaid(organizationId, pro, BillingCycle.Monthly, 1, SubscriptionStatus.Active, started));
            }

            await db.SaveChangesAsync();
        }
    }

    private static async Task VerifyAsync(IServiceProvider services, int n, BillingRunSummary summary)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var paid = await db.Invoices.CountAsync(i => i.Status == Domain.Billing.InvoiceStatus.Paid);
        var charges = await db.SandboxCharges.CountAsync(c => c.Status == "succeeded");
        if (paid != n || charges != n)
        {
            throw new InvalidOperationException($"Expected {n} paid renewals and charges, found {paid} invoices and {charges} charges ({summary}).");
        }

        var baseGrants = await db.CreditGrants.CountAsync(g => g.Kind == Domain.Credits.GrantKind.Base);
        if (baseGrants != n)
        {
            throw new InvalidOperationException($"Expected {n} base credit grants for the renewed periods, found {baseGrants}.");
        }
    }
}
