using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Usage;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Credits.Live;

/// <summary>
/// Saves new versions of the rate card (ADR 0016). A version takes effect now or later, always after the latest saved
/// version, so usage that already happened keeps the price it had; a saved version is never changed. The save is
/// audited by the interceptor and the <see cref="RateCards"/> cache reloads at once.
/// </summary>
public sealed class RateCardEditor(IDbContextFactory<PortalDbContext> dbFactory, RateCards rateCards, TimeProvider clock)
{
    public const int LongestNote = 300;
    public const int LongestMeasure = 40;

    public async Task<Result<RateCard>> SaveAsync(Actor actor, NewRateCardVersion request, CancellationToken ct)
    {
        if (!actor.Can(Permission.CatalogManage))
        {
            return new Error("forbidden", "Only platform admins edit the rate card.", ErrorKind.Forbidden);
        }

        if (actor.RefuseIfReadOnly() is { } readOnly)
        {
            return readOnly;
        }

        var now = clock.GetUtcNow();
        var effectiveFrom = request.EffectiveFrom ?? now;
        var errors = new FieldErrors()
            .Require(effectiveFrom >= now, "effectiveFrom", "A new version takes effect now or later, never in the past: usage already priced keeps its price.")
            .MaxLength(request.Note, LongestNote, "note", "The note")
            .Require(request.Rates is { Count: > 0 }, "rates", "A rate card prices at least one feature.");
        var rates = request.Rates ?? [];
        for (var i = 0; i < rates.Count; i++)
        {
            var rate = rates[i];
            errors.Require(!string.IsNullOrWhiteSpace(rate.Measure) && rate.Measure.Length <= LongestMeasure, $"rates[{i}].measure", $"Name the unit it is measured in (at most {LongestMeasure} characters), e.g. step, token, minute.")
                .Require(rate.UnitSize >= 1, $"rates[{i}].unitSize", "The unit size is a whole number of at least 1.")
                .Require(rate.CreditsPerUnit >= 0 && rate.CreditsPerUnit <= 1_000_000 && decimal.Round(rate.CreditsPerUnit, 3) == rate.CreditsPerUnit, $"rates[{i}].creditsPerUnit", "Credits per unit are between 0 and 1,000,000, with at most three decimals.");
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        var rated = new RateCard(
            0,
            effectiveFrom,
            [.. rates.Select(r => new FeatureRate(r.Feature?.Trim() ?? "", r.Measure!.Trim(), r.UnitSize, new Millicredits((long)(r.CreditsPerUnit * Millicredits.PerCredit))))]);
        if (rated.Validate() is { } invalid)
        {
            return Error.Invalid(invalid.Fields.ToDictionary(f => f.Key == "Rates" ? "rates" : f.Key, f => f.Value));
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct); // BEGIN IMMEDIATE: one writer numbers versions
        var latest = await db.RateCardVersions.AsNoTracking().OrderByDescending(v => v.Version).Select(v => new { v.Version, v.EffectiveFrom }).FirstOrDefaultAsync(ct);
        if (latest is not null && effectiveFrom <= latest.EffectiveFrom)
        {
            return Error.Invalid(new Dictionary<string, string[]>
            {
                ["effectiveFrom"] = [$"Version {latest.Version} takes effect at {latest.EffectiveFrom:u}; a new version must take effect after it."],
            });
        }

        var card = rated with { Version = (latest?.Version ?? 0) + 1 };
        db.RateCardVersions.Add(RateCards.ToRow(card, actor.UserId, now, request.Note?.Trim() ?? ""));
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            return new Error("rate_card_version_conflict", "Someone saved a rate card version at the same moment. Reload and try again.", ErrorKind.Conflict);
        }

        await rateCards.ReloadAsync(ct);
        return card;
    }
}
