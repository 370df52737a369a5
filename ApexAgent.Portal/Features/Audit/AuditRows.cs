using System.Data.Common;
using System.Text;
using ApexAgent.Portal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace ApexAgent.Portal.Features.Audit;

/// <summary>
/// Stores the entries the <see cref="AuditInterceptor"/> drafted and sealed for one save, and moves their chains' heads,
/// with a few multi-row statements in the save's transaction, right after the save's own statements succeeded (so an
/// entry is stored only with the change it records). A renewal batch writes about a thousand entries per save; as
/// tracked rows each cost EF Core a command of its own. Values are bound through the model's own type mappings (the
/// UTC-ticks converter, Guids as text), so the rows are exactly those EF Core would have written.
/// </summary>
internal static class AuditRows
{
    /// <summary>
    /// Small on purpose, as in <see cref="Credits.BulkGrants"/>: SQLite finds each placeholder's parameter by a linear search,
    /// so binding grows with the square of the parameters of one statement (an entry has twenty columns).
    /// </summary>
    private const int RowsPerStatement = 8;

    public static async ValueTask WriteAsync(PortalDbContext db, IReadOnlyList<AuditEntry> entries, IReadOnlyList<AuditChainHead> heads, bool async, CancellationToken ct)
    {
        var entryType = db.Model.FindEntityType(typeof(AuditEntry))!;
        foreach (var chunk in entries.Chunk(RowsPerStatement))
        {
            await ExecuteAsync(db, Insert(db, entryType, chunk, conflict: null), async, ct);
        }

        var headType = db.Model.FindEntityType(typeof(AuditChainHead))!;
        foreach (var chunk in heads.Chunk(RowsPerStatement * 2))
        {
            // The head's row is made with the chain's first entry and moved with every later one (same values as an UPDATE).
            await ExecuteAsync(db, Insert(db, headType, chunk, conflict: "(\"ChainId\") DO UPDATE SET \"LastHash\" = excluded.\"LastHash\", \"LastSequence\" = excluded.\"LastSequence\", \"UpdatedAt\" = excluded.\"UpdatedAt\""), async, ct);
        }
    }

    private static (string Sql, List<DbParameter> Parameters) Insert<T>(PortalDbContext db, IEntityType type, T[] rows, string? conflict)
        where T : class
    {
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var columns = type.GetProperties().Select(p => (Property: p, Column: p.GetColumnName(table)!, Mapping: p.GetRelationalTypeMapping())).ToList();
        var sql = new StringBuilder("INSERT INTO \"").Append(table.Name).Append("\" (")
            .AppendJoin(", ", columns.Select(c => $"\"{c.Column}\"")).Append(") VALUES ");
        var parameters = new List<DbParameter>(rows.Length * columns.Count);
        using var command = db.Database.GetDbConnection().CreateCommand();
        for (var row = 0; row < rows.Length; row++)
        {
            sql.Append(row == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Count; c++)
            {
                var (property, _, mapping) = columns[c];
                var name = $"@a{parameters.Count}";
                sql.Append(c == 0 ? "" : ", ").Append(name);
                parameters.Add(mapping.CreateParameter(command, name, property.GetGetter().GetClrValue(rows[row]), property.IsNullable));
            }

            sql.Append(')');
        }

        if (conflict is not null)
        {
            sql.Append(" ON CONFLICT ").Append(conflict);
        }

        return (sql.ToString(), parameters);
    }

    private static async ValueTask ExecuteAsync(PortalDbContext db, (string Sql, List<DbParameter> Parameters) statement, bool async, CancellationToken ct)
    {
        if (async)
        {
            await db.Database.ExecuteSqlRawAsync(statement.Sql, statement.Parameters, ct);
        }
        else
        {
            db.Database.ExecuteSqlRaw(statement.Sql, statement.Parameters);
        }
    }
}
