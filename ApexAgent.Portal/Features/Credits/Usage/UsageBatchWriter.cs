using System.Data;
using System.Data.Common;
using System.Globalization;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Credits;
using ApexAgent.Portal.Features.Billing;

namespace ApexAgent.Portal.Features.Credits.Usage;

/// <summary>
/// Writes a batch of usage events in one transaction with raw, prepared, reused commands on one connection (no EF
/// change tracking on the hot path). Per organisation it reads the live grants and the pool once, splits each event by
/// the burn-down rule in memory (in arrival order, each event all or nothing), inserts the events (the unique
/// (organisation, event id) index answers duplicates), one Used entry per part, the grants' new remainders, the
/// overdraft drawn, and the roll-ups aggregated per batch. SQL that SQLite and PostgreSQL both run; on PostgreSQL
/// the grant and pool reads would take <c>FOR UPDATE</c> (SQLite's BEGIN IMMEDIATE already makes this the only writer).
/// </summary>
internal sealed class UsageBatchWriter : IDisposable
{
    private static readonly TimeSpan ZoneLifetime = TimeSpan.FromMinutes(5);

    private readonly DbConnection connection;
    private readonly DbCommand selectGrants;
    private readonly DbCommand selectPool;
    private readonly DbCommand insertEvent;
    private readonly DbCommand selectEvent;
    private readonly DbCommand selectParts;
    private readonly DbCommand insertEntry;
    private readonly DbCommand updateGrant;
    private readonly DbCommand updatePool;
    private readonly DbCommand upsertDay;
    private readonly DbCommand upsertHour;
    private readonly DbCommand upsertBurn;
    private readonly DbCommand selectZone;
    private readonly DbCommand[] all;
    private readonly Dictionary<Guid, (TimeZoneInfo Zone, DateTimeOffset At)> zones = [];

    public UsageBatchWriter(DbConnection connection)
    {
        this.connection = connection;
        selectGrants = Command(
            """SELECT "Id", "Kind", "Remaining", "StartsAt", "ExpiresAt" FROM "CreditGrants" WHERE "OrganizationId" = @o AND "Remaining" > 0 AND "StartsAt" <= @now AND "ExpiresAt" > @now""",
            ("@o", DbType.String), ("@now", DbType.Int64));
        selectPool = Command("""SELECT "OverdraftAllowance", "Overdrawn" FROM "CreditPools" WHERE "OrganizationId" = @o""", ("@o", DbType.String));
        insertEvent = Command(
            """
            INSERT INTO "UsageEvents" ("OrganizationId", "EventId", "Feature", "QuantityThousandths", "UserId", "ApiKeyId", "OccurredAt", "RecordedAt", "RateCardVersion", "Deducted", "BalanceAfter", "Metadata")
            VALUES (@o, @e, @f, @q, @u, @k, @at, @now, @v, @d, @b, @m)
            ON CONFLICT ("OrganizationId", "EventId") DO NOTHING RETURNING "Id"
            """,
            ("@o", DbType.String), ("@e", DbType.String), ("@f", DbType.String), ("@q", DbType.Int64), ("@u", DbType.String), ("@k", DbType.String),
            ("@at", DbType.Int64), ("@now", DbType.Int64), ("@v", DbType.Int32), ("@d", DbType.Int64), ("@b", DbType.Int64), ("@m", DbType.String));
        selectEvent = Command(
            """SELECT "Id", "Deducted", "BalanceAfter", "RateCardVersion" FROM "UsageEvents" WHERE "OrganizationId" = @o AND "EventId" = @e""",
            ("@o", DbType.String), ("@e", DbType.String));
        selectParts = Command(
            """SELECT "GrantId", "GrantKind", "Change" FROM "CreditEntries" WHERE "UsageEventId" = @id AND "Kind" = @kind ORDER BY "Id" """,
            ("@id", DbType.Int64), ("@kind", DbType.Int32));
        insertEntry = Command(
            """
            INSERT INTO "CreditEntries" ("OrganizationId", "Kind", "GrantId", "GrantKind", "Change", "At", "UsageEventId", "UserId", "Reverses", "Note")
            VALUES (@o, @kind, @g, @gk, @c, @now, @id, @u, NULL, @n)
            """,
            ("@o", DbType.String), ("@kind", DbType.Int32), ("@g", DbType.String), ("@gk", DbType.Int32), ("@c", DbType.Int64), ("@now", DbType.Int64),
            ("@id", DbType.Int64), ("@u", DbType.String), ("@n", DbType.String));
        updateGrant = Command("""UPDATE "CreditGrants" SET "Remaining" = "Remaining" - @t WHERE "Id" = @g""", ("@t", DbType.Int64), ("@g", DbType.String));
        updatePool = Command(
            """UPDATE "CreditPools" SET "Overdrawn" = "Overdrawn" + @d, "Version" = "Version" + 1 WHERE "OrganizationId" = @o""",
            ("@d", DbType.Int64), ("@o", DbType.String));
        upsertDay = Command(
            """
            INSERT INTO "UsageDays" ("OrganizationId", "Day", "Feature", "UserId", "Events", "QuantityThousandths", "Used") VALUES (@o, @day, @f, @u, @n, @q, @used)
            ON CONFLICT ("OrganizationId", "Day", "Feature", "UserId") DO UPDATE SET
              "Events" = "UsageDays"."Events" + excluded."Events",
              "QuantityThousandths" = "UsageDays"."QuantityThousandths" + excluded."QuantityThousandths",
              "Used" = "UsageDays"."Used" + excluded."Used"
            """,
            ("@o", DbType.String), ("@day", DbType.String), ("@f", DbType.String), ("@u", DbType.String), ("@n", DbType.Int64), ("@q", DbType.Int64), ("@used", DbType.Int64));
        upsertHour = Command(
            """
            INSERT INTO "UsageHours" ("OrganizationId", "Hour", "Feature", "Events", "Used") VALUES (@o, @h, @f, @n, @used)
            ON CONFLICT ("OrganizationId", "Hour", "Feature") DO UPDATE SET
              "Events" = "UsageHours"."Events" + excluded."Events", "Used" = "UsageHours"."Used" + excluded."Used"
            """,
            ("@o", DbType.String), ("@h", DbType.Int64), ("@f", DbType.String), ("@n", DbType.Int64), ("@used", DbType.Int64));
        upsertBurn = Command(
            """
            INSERT INTO "CreditBurnDays" ("OrganizationId", "Day", "Kind", "Used") VALUES (@o, @day, @k, @used)
            ON CONFLICT ("OrganizationId", "Day", "Kind") DO UPDATE SET "Used" = "CreditBurnDays"."Used" + excluded."Used"
            """,
            ("@o", DbType.String), ("@day", DbType.String), ("@k", DbType.Int32), ("@used", DbType.Int64));
        selectZone = Command("""SELECT "TimeZone" FROM "Organizations" WHERE "Id" = @o""", ("@o", DbType.String));
        all = [selectGrants, selectPool, insertEvent, selectEvent, selectParts, insertEntry, updateGrant, updatePool, upsertDay, upsertHour, upsertBurn, selectZone];
    }

    /// <summary>
    /// Writes the slots in one transaction, filling each slot's outcome; answers each touched organisation's available
    /// balance after the batch. Throws (after rolling back) if anything fails; the outcomes are then meaningless.
    /// </summary>
    public Dictionary<Guid, long> Write(IReadOnlyList<UsageSlot> slots, DateTimeOffset now)
    {
        var balances = new Dictionary<Guid, long>();
        using var transaction = connection.BeginTransaction();
        foreach (var command in all)
        {
            command.Transaction = transaction;
        }

        var nowTicks = now.UtcTicks;
        var byOrganization = new Dictionary<Guid, List<UsageSlot>>();
        foreach (var slot in slots)
        {
            if (!byOrganization.TryGetValue(slot.Usage.OrganizationId, out var list))
            {
                byOrganization[slot.Usage.OrganizationId] = list = [];
            }

            list.Add(slot);
        }

        foreach (var (organization, organizationSlots) in byOrganization)
        {
            balances[organization] = WriteOrganization(organization, organizationSlots, now, nowTicks);
        }

        transaction.Commit();
        return balances;
    }

    private long WriteOrganization(Guid organization, List<UsageSlot> slots, DateTimeOffset now, long nowTicks)
    {
        var org = organization.ToString().ToUpperInvariant();
        var grants = ReadGrants(org, now, nowTicks);
        var (allowance, overdrawn) = ReadPool(org);
        var startOverdrawn = overdrawn;
        var available = grants.Sum(g => g.Remaining.Value) - overdrawn;
        var taken = new Dictionary<Guid, long>();
        var firstInBatch = new Dictionary<string, UsageOutcome>(StringComparer.Ordinal);
        var days = new Dictionary<(DateOnly Day, string Feature, string User), (long Events, long Quantity, long Used)>();
        var hours = new Dictionary<(long Hour, string Feature), (long Events, long Used)>();
        var burns = new Dictionary<(DateOnly Day, GrantKind Kind), long>();
        var zone = ZoneOf(organization, org, now);

        foreach (var slot in slots)
        {
            var usage = slot.Usage;
            if (firstInBatch.TryGetValue(usage.EventId, out var first) && first.Kind is UsageOutcomeKind.Accepted or UsageOutcomeKind.Duplicate)
            {
                slot.Item.Outcomes[slot.Index] = first with { Kind = UsageOutcomeKind.Duplicate };
                continue;
            }

            IReadOnlyList<BurnPart> parts = [];
            if (usage.Price > 0)
            {
                var split = BurnDown.Split(grants, new Millicredits(usage.Price), new Millicredits(allowance - overdrawn));
                if (!split.IsSuccess)
                {
                    var stored = ReadStored(org, usage.EventId);
                    var refusal = stored ?? new UsageOutcome(UsageOutcomeKind.Refused, usage.EventId, 0, available, usage.RateCardVersion, [], usage.Price);
                    slot.Item.Outcomes[slot.Index] = refusal;
                    firstInBatch[usage.EventId] = refusal;
                    continue;
                }

                parts = split.Value;
            }

            var balanceAfter = available - usage.Price;
            var id = InsertEvent(org, usage, nowTicks, balanceAfter);
            if (id is null)
            {
                var duplicate = ReadStored(org, usage.EventId)!;
                slot.Item.Outcomes[slot.Index] = duplicate;
                firstInBatch[usage.EventId] = duplicate;
                continue;
            }

            var answerParts = new UsagePart[parts.Count];
            for (var i = 0; i < parts.Count; i++)
            {
                var part = parts[i];
                InsertEntry(org, part, nowTicks, id.Value, usage);
                answerParts[i] = new UsagePart(part.GrantId, part.Kind, part.Taken.Value);
                if (part.GrantId is { } grantId)
                {
                    taken[grantId] = taken.GetValueOrDefault(grantId) + part.Taken.Value;
                    var index = grants.FindIndex(g => g.GrantId == grantId);
                    var grant = grants[index];
                    var left = grant.Remaining.Value - part.Taken.Value;
                    if (left > 0)
                    {
                        grants[index] = grant with { Remaining = new Millicredits(left) };
                    }
                    else
                    {
                        grants.RemoveAt(index);
                    }
                }
                else
                {
                    overdrawn += part.Taken.Value;
                }
            }

            available = balanceAfter;
            var accepted = new UsageOutcome(UsageOutcomeKind.Accepted, usage.EventId, usage.Price, balanceAfter, usage.RateCardVersion, answerParts);
            slot.Item.Outcomes[slot.Index] = accepted;
            firstInBatch[usage.EventId] = accepted;

            var day = LocalDay.Of(usage.OccurredAt, zone);
            var dayKey = (day, usage.Feature, usage.UserId ?? "");
            var d = days.GetValueOrDefault(dayKey);
            days[dayKey] = (d.Events + 1, d.Quantity + usage.QuantityThousandths, d.Used + usage.Price);
            var hourTicks = usage.OccurredAt.UtcTicks - (usage.OccurredAt.UtcTicks % TimeSpan.TicksPerHour);
            var h = hours.GetValueOrDefault((hourTicks, usage.Feature));
            hours[(hourTicks, usage.Feature)] = (h.Events + 1, h.Used + usage.Price);
            foreach (var part in parts)
            {
                if (part.Kind is { } kind)
                {
                    burns[(day, kind)] = burns.GetValueOrDefault((day, kind)) + part.Taken.Value;
                }
            }
        }

        foreach (var (grantId, amount) in taken)
        {
            Run(updateGrant, amount, grantId.ToString().ToUpperInvariant());
        }

        if (overdrawn != startOverdrawn)
        {
            Run(updatePool, overdrawn - startOverdrawn, org);
        }

        foreach (var ((day, feature, user), (events, quantity, used)) in days)
        {
            Run(upsertDay, org, Day(day), feature, user, events, quantity, used);
        }

        foreach (var ((hour, feature), (events, used)) in hours)
        {
            Run(upsertHour, org, hour, feature, events, used);
        }

        foreach (var ((day, kind), used) in burns)
        {
            Run(upsertBurn, org, Day(day), (int)kind, used);
        }

        return available;
    }

    private List<GrantBalance> ReadGrants(string org, DateTimeOffset now, long nowTicks)
    {
        selectGrants.Parameters[0].Value = org;
        selectGrants.Parameters[1].Value = nowTicks;
        var grants = new List<GrantBalance>();
        using (var reader = selectGrants.ExecuteReader())
        {
            while (reader.Read())
            {
                grants.Add(new GrantBalance(
                    Guid.Parse(reader.GetString(0)),
                    (GrantKind)reader.GetInt32(1),
                    new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero),
                    new DateTimeOffset(reader.GetInt64(4), TimeSpan.Zero),
                    new Millicredits(reader.GetInt64(2))));
            }
        }

        return BurnDown.Order(grants, now);
    }

    private (long Allowance, long Overdrawn) ReadPool(string org)
    {
        selectPool.Parameters[0].Value = org;
        using var reader = selectPool.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetInt64(1)) : (0, 0);
    }

    private long? InsertEvent(string org, UsageSubmission usage, long nowTicks, long balanceAfter)
    {
        var p = insertEvent.Parameters;
        p[0].Value = org;
        p[1].Value = usage.EventId;
        p[2].Value = usage.Feature;
        p[3].Value = usage.QuantityThousandths;
        p[4].Value = (object?)usage.UserId ?? DBNull.Value;
        p[5].Value = usage.ApiKeyId is { } key ? key.ToString().ToUpperInvariant() : DBNull.Value;
        p[6].Value = usage.OccurredAt.UtcTicks;
        p[7].Value = nowTicks;
        p[8].Value = usage.RateCardVersion;
        p[9].Value = usage.Price;
        p[10].Value = balanceAfter;
        p[11].Value = (object?)usage.Metadata ?? DBNull.Value;
        var id = insertEvent.ExecuteScalar();
        return id is null or DBNull ? null : Convert.ToInt64(id, CultureInfo.InvariantCulture);
    }

    private void InsertEntry(string org, BurnPart part, long nowTicks, long usageEventId, UsageSubmission usage)
    {
        var p = insertEntry.Parameters;
        p[0].Value = org;
        p[1].Value = (int)LedgerEntryKind.Used;
        p[2].Value = part.GrantId is { } grant ? grant.ToString().ToUpperInvariant() : DBNull.Value;
        p[3].Value = part.Kind is { } kind ? (int)kind : DBNull.Value;
        p[4].Value = -part.Taken.Value;
        p[5].Value = nowTicks;
        p[6].Value = usageEventId;
        p[7].Value = (object?)usage.UserId ?? DBNull.Value;
        p[8].Value = usage.Feature;
        insertEntry.ExecuteNonQuery();
    }

    /// <summary>The first answer of an event already stored, with its parts; null when it is not stored.</summary>
    private UsageOutcome? ReadStored(string org, string eventId)
    {
        selectEvent.Parameters[0].Value = org;
        selectEvent.Parameters[1].Value = eventId;
        long id, deducted, balance;
        int version;
        using (var reader = selectEvent.ExecuteReader())
        {
            if (!reader.Read())
            {
                return null;
            }

            (id, deducted, balance, version) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt32(3));
        }

        selectParts.Parameters[0].Value = id;
        selectParts.Parameters[1].Value = (int)LedgerEntryKind.Used;
        var parts = new List<UsagePart>();
        using (var reader = selectParts.ExecuteReader())
        {
            while (reader.Read())
            {
                parts.Add(new UsagePart(
                    reader.IsDBNull(0) ? null : Guid.Parse(reader.GetString(0)),
                    reader.IsDBNull(1) ? null : (GrantKind)reader.GetInt32(1),
                    -reader.GetInt64(2)));
            }
        }

        return new UsageOutcome(UsageOutcomeKind.Duplicate, eventId, deducted, balance, version, parts);
    }

    private TimeZoneInfo ZoneOf(Guid organization, string org, DateTimeOffset now)
    {
        if (zones.TryGetValue(organization, out var cached) && now - cached.At < ZoneLifetime && now >= cached.At)
        {
            return cached.Zone;
        }

        selectZone.Parameters[0].Value = org;
        var zone = BillingDates.For(selectZone.ExecuteScalar() as string);
        zones[organization] = (zone, now);
        return zone;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void Run(DbCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        command.ExecuteNonQuery();
    }

    private DbCommand Command(string sql, params (string Name, DbType Type)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, type) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = type;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    public void Dispose()
    {
        foreach (var command in all)
        {
            command.Dispose();
        }
    }
}
