using System.Text;
using ApexAgent.Domain.Credits;
using ApexAgent.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Credits;

/// <summary>
/// Gives many grants with two set-based statements in the caller's transaction, for the renewal batch whose time
/// budget has no room for two more tracked rows per renewal: the grants (a source already given is skipped by
/// <c>ON CONFLICT DO NOTHING</c> on the unique (organisation, source) index) and a Granted entry for each grant that
/// was actually inserted. Same rows as <see cref="CreditBooks.GiveAsync"/> writes; SQL that SQLite and PostgreSQL both run.
/// </summary>
public static class BulkGrants
{
    /// <summary>
    /// Small on purpose: Microsoft.Data.Sqlite finds each placeholder's parameter by a linear search of the command's
    /// parameters, so binding costs grow with the square of their number. At 400 rows (3,600 parameters) a statement
    /// cost about 110 µs per grant; at 10 rows, about 13 µs (renewals benchmark, docs/benchmarks.md).
    /// </summary>
    private const int RowsPerStatement = 10;

    public static async Task<int> InsertAsync(PortalDbContext db, IReadOnlyCollection<GrantRequest> requests, DateTimeOffset now, CancellationToken ct)
    {
        var inserted = 0;
        foreach (var chunk in requests.Where(r => new CreditGrant(Guid.Empty, r.Kind, r.Amount, r.StartsAt, r.ExpiresAt, r.Source).Validate() is null).Chunk(RowsPerStatement))
        {
            var sql = new StringBuilder("INSERT INTO \"CreditGrants\" (\"Id\", \"OrganizationId\", \"Kind\", \"Amount\", \"Remaining\", \"StartsAt\", \"ExpiresAt\", \"Source\", \"Description\", \"GrantedBy\", \"CreatedAt\", \"Expired\", \"ClawedBack\", \"ExpiredAt\") VALUES ");
            var values = new List<object>(chunk.Length * 8);
            for (var i = 0; i < chunk.Length; i++)
            {
                var r = chunk[i];
                var p = values.Count;
                sql.Append(i == 0 ? "" : ", ")
                    .Append($"({{{p}}}, {{{p + 1}}}, {{{p + 2}}}, {{{p + 3}}}, {{{p + 3}}}, {{{p + 4}}}, {{{p + 5}}}, {{{p + 6}}}, {{{p + 7}}}, NULL, {{{p + 8}}}, 0, 0, NULL)");
                values.Add(Guid.CreateVersion7(now).ToString().ToUpperInvariant());
                values.Add(r.OrganizationId.ToString().ToUpperInvariant());
                values.Add((int)r.Kind);
                values.Add(r.Amount.Value);
                values.Add(r.StartsAt.UtcTicks);
                values.Add(r.ExpiresAt.UtcTicks);
                values.Add(r.Source);
                values.Add(r.Description.Length > 300 ? r.Description[..300] : r.Description);
                values.Add(now.UtcTicks);
            }

            sql.Append(" ON CONFLICT (\"OrganizationId\", \"Source\") DO NOTHING; ");
            sql.Append("INSERT INTO \"CreditEntries\" (\"OrganizationId\", \"Kind\", \"GrantId\", \"GrantKind\", \"Change\", \"At\", \"Note\") ")
                .Append($"SELECT \"OrganizationId\", {(int)LedgerEntryKind.Granted}, \"Id\", \"Kind\", \"Amount\", \"CreatedAt\", \"Description\" FROM \"CreditGrants\" WHERE \"Id\" IN (");
            for (var i = 0; i < chunk.Length; i++)
            {
                sql.Append(i == 0 ? "" : ", ").Append($"{{{i * 9}}}");
            }

            sql.Append(')');
            inserted += await db.Database.ExecuteSqlRawAsync(sql.ToString(), values, ct);
        }

        return inserted;
    }
}
