using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ApexAgent.Portal.Data;

public static class DatabaseSetup
{
    /// <summary>
    /// Registers <see cref="PortalDbContext"/> (scoped, for Identity and requests) and its factory (for
    /// interactive components and jobs) on <c>ConnectionStrings:Portal</c>, by default a SQLite file in App_Data.
    /// </summary>
    public static void AddPortalDatabase(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Portal");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var folder = Path.Combine(builder.Environment.ContentRootPath, "App_Data");
            connectionString = $"Data Source={Path.Combine(folder, "portal.db")}";
        }

        var sqlite = new SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = 30, Pooling = true };
        if (Path.GetDirectoryName(Path.GetFullPath(sqlite.DataSource)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        // Features add their interceptors as IInterceptor services (the audit log, the read-only guard), in order.
        builder.Services.AddDbContextFactory<PortalDbContext>((services, options) => options
            .UseSqlite(sqlite.ToString())
            .AddInterceptors([new SqlitePragmas(), .. services.GetServices<IInterceptor>()]));
        builder.Services.AddHealthChecks().AddDbContextCheck<PortalDbContext>("database", tags: ["ready"]);

        // Cookie and token keys live beside the database, so sign-ins and mailed links survive a restart.
        var keyFolder = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(sqlite.DataSource)) ?? builder.Environment.ContentRootPath, "keys");
        builder.Services.AddDataProtection().SetApplicationName("ApexAgent.Portal").PersistKeysToFileSystem(new DirectoryInfo(keyFolder));
    }

    /// <summary>Applies pending migrations and switches the database to write-ahead logging.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await db.Database.MigrateAsync();
        await using (var command = db.Database.GetDbConnection().CreateCommand())
        {
            await db.Database.OpenConnectionAsync();
            command.CommandText = "PRAGMA journal_mode=WAL;";
            await command.ExecuteScalarAsync();
        }
    }
}
