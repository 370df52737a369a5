using System.Text.Json;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Usage;
using ApexAgent.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Credits;

/// <summary>
/// Every saved version of the rate card, held in memory (read on every usage event) and reloaded when a version is
/// saved through <see cref="ReloadAsync"/>. Versions never change once saved, so a stale cache can only miss a version
/// saved by another instance; it reloads every minute to pick those up.
/// </summary>
public sealed class RateCards(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private volatile Loaded? loaded;

    /// <summary>Every version, oldest first.</summary>
    public async ValueTask<RateCardHistory> HistoryAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var current = loaded;
        if (current is not null && now - current.At < Lifetime)
        {
            return current.History;
        }

        return await ReloadAsync(ct);
    }

    /// <summary>The history as it is saved now (call after saving a version).</summary>
    public async Task<RateCardHistory> ReloadAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.RateCardVersions.AsNoTracking().OrderBy(v => v.Version).ToListAsync(ct);
        var history = new RateCardHistory(rows.Select(ToRateCard));
        loaded = new Loaded(history, clock.GetUtcNow());
        return history;
    }

    /// <summary>Saves the default rate card of PRODUCT.md as version 1 when there is none yet.</summary>
    public async Task EnsureDefaultAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.RateCardVersions.AnyAsync(ct))
        {
            var from = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
            db.RateCardVersions.Add(ToRow(DefaultRateCard.Version1(from), null, clock.GetUtcNow(), "The default rate card."));
            await db.SaveChangesAsync(ct);
        }

        await ReloadAsync(ct);
    }

    public static RateCard ToRateCard(RateCardVersion row) =>
        new(row.Version, row.EffectiveFrom, [.. JsonSerializer.Deserialize<List<StoredRate>>(row.Rates, Json)!.Select(r => new FeatureRate(r.Feature, r.Measure, r.UnitSize, new Millicredits(r.PerUnit)))]);

    public static RateCardVersion ToRow(RateCard card, string? createdBy, DateTimeOffset now, string note) => new()
    {
        Version = card.Version,
        EffectiveFrom = card.EffectiveFrom,
        Rates = JsonSerializer.Serialize(card.Rates.Select(r => new StoredRate(r.Feature, r.Measure, r.UnitSize, r.PerUnit.Value)), Json),
        CreatedBy = createdBy,
        CreatedAt = now,
        Note = note,
    };

    private sealed record StoredRate(string Feature, string Measure, long UnitSize, long PerUnit);

    private sealed record Loaded(RateCardHistory History, DateTimeOffset At);
}
