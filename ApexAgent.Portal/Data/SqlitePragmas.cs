using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ApexAgent.Portal.Data;

/// <summary>
/// Per-connection SQLite settings: durable enough with WAL, and writers wait instead of failing. Each connection keeps
/// up to 16 MB of pages (SQLite's default is 2 MB): a renewal batch touches more index pages than that, and reading
/// them again from the file cost about a tenth of the renewal run (docs/benchmarks.md, issue 6). Pooled connections
/// keep their pages; the memory is taken only as pages are read.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON; PRAGMA cache_size=-16384;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
