using System.Collections.Concurrent;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Catalog;

/// <summary>
/// The tier catalog: the current version of each tier (cached in memory for a minute, dropped at once when a
/// platform admin saves a new version here) and every saved version, which never changes and is cached for good.
/// </summary>
public sealed class TierCatalog(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    private static readonly TimeSpan CurrentLifetime = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<(TierCode, int), Tier> versions = new();
    private volatile CurrentTiers? current;
    private long generation;

    public async ValueTask<IReadOnlyList<Tier>> AllCurrentAsync(CancellationToken ct) =>
        (await LoadCurrentAsync(ct)).Values.OrderBy(t => t.Code).ToList();

    public async ValueTask<Tier> CurrentAsync(TierCode code, CancellationToken ct) =>
        (await LoadCurrentAsync(ct))[code];

    /// <summary>One saved version, as a subscription signed up on it (versions never change once saved).</summary>
    public async ValueTask<Tier> VersionAsync(TierCode code, int version, CancellationToken ct)
    {
        if (versions.TryGetValue((code, version), out var tier))
        {
            return tier;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var saved = await db.TierVersions.AsNoTracking().SingleAsync(v => v.Code == code && v.Version == version, ct);
        return versions.GetOrAdd((code, version), saved.ToTier());
    }

    public async Task<IReadOnlyList<TierVersion>> HistoryAsync(TierCode code, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.TierVersions.AsNoTracking().Where(v => v.Code == code).OrderByDescending(v => v.Version).ToListAsync(ct);
    }

    /// <summary>Saves edited terms as the next version of the tier, effective now.</summary>
    public async Task<Result<Tier>> SaveNewVersionAsync(Actor actor, TierCode code, TierTerms terms, string? changeNote, CancellationToken ct)
    {
        if (!actor.Can(Permission.CatalogManage))
        {
            return new Error("forbidden", "Only a platform admin may change the catalog.", ErrorKind.Forbidden);
        }

        var valid = terms.Validate();
        if (!valid.IsSuccess)
        {
            return valid.Error;
        }

        if (code == TierCode.Free && (terms.MonthlyPriceMinor != 0 || terms.AnnualPriceMinor is > 0))
        {
            return Error.Invalid(new Dictionary<string, string[]> { [nameof(TierTerms.MonthlyPriceMinor)] = ["The Free tier must stay free."] });
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var latest = await db.TierVersions.Where(v => v.Code == code).MaxAsync(v => (int?)v.Version, ct) ?? 0;
        var version = new TierVersion
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            Code = code,
            Version = latest + 1,
            EffectiveFrom = clock.GetUtcNow(),
            Terms = valid.Value with { },
            CreatedByUserId = actor.UserId,
            ChangeNote = string.IsNullOrWhiteSpace(changeNote) ? null : changeNote.Trim()[..Math.Min(changeNote.Trim().Length, 500)],
        };
        db.TierVersions.Add(version);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return new Error("catalog_changed", "Someone saved this tier at the same moment. Reload and try again.", ErrorKind.Conflict);
        }

        Invalidate();
        return version.ToTier();
    }

    /// <summary>Adds version 1 of any tier that has no version yet.</summary>
    public async Task EnsureDefaultsAsync(IReadOnlyDictionary<TierCode, TierTerms> defaults, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.TierVersions.Select(v => v.Code).Distinct().ToListAsync(ct);
        foreach (var (code, terms) in defaults.Where(d => !existing.Contains(d.Key)))
        {
            db.TierVersions.Add(new TierVersion
            {
                Id = Guid.CreateVersion7(clock.GetUtcNow()),
                Code = code,
                Version = 1,
                EffectiveFrom = clock.GetUtcNow(),
                Terms = terms with { },
                ChangeNote = "Default catalog",
            });
        }

        await db.SaveChangesAsync(ct);
        Invalidate();
    }

    private void Invalidate()
    {
        Interlocked.Increment(ref generation);
        current = null;
    }

    private async ValueTask<IReadOnlyDictionary<TierCode, Tier>> LoadCurrentAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (current is { } cached && cached.Until > now)
        {
            return cached.Tiers;
        }

        var before = Interlocked.Read(ref generation);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var saved = await db.TierVersions.AsNoTracking().ToListAsync(ct);
        var loaded = saved.GroupBy(v => v.Code).ToDictionary(g => g.Key, g => g.MaxBy(v => v.Version)!.ToTier());
        if (Interlocked.Read(ref generation) == before)
        {
            current = new CurrentTiers(loaded, now + CurrentLifetime); // a save meanwhile must not be overwritten
        }

        return loaded;
    }

    private sealed record CurrentTiers(IReadOnlyDictionary<TierCode, Tier> Tiers, DateTimeOffset Until);
}
