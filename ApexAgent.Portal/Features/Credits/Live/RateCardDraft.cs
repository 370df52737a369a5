using ApexAgent.Domain.Usage;

namespace ApexAgent.Portal.Features.Credits.Live;

/// <summary>A row of the rate card editor: one feature's rate as the admin types it.</summary>
public sealed class RateCardDraft
{
    public string Feature { get; set; } = "";

    public string Measure { get; set; } = "";

    public long UnitSize { get; set; } = 1;

    public decimal CreditsPerUnit { get; set; }

    public static RateCardDraft From(FeatureRate rate) =>
        new() { Feature = rate.Feature, Measure = rate.Measure, UnitSize = rate.UnitSize, CreditsPerUnit = rate.PerUnit.Credits };

    public NewFeatureRate ToRate() => new(Feature, Measure, UnitSize, CreditsPerUnit);

    /// <summary>How this row differs from the version in force: "new", "removed" is shown by the page, "12 → 15 credits per 1 step" or null when unchanged.</summary>
    public string? ChangeFrom(RateCard? current)
    {
        if (current?.RateOf(Feature.Trim()) is not { } before)
        {
            return "new feature";
        }

        var changes = new List<string>();
        if (before.PerUnit.Credits != CreditsPerUnit)
        {
            changes.Add($"{before.PerUnit.Credits:0.###} → {CreditsPerUnit:0.###} credits");
        }

        if (before.UnitSize != UnitSize || !string.Equals(before.Measure, Measure.Trim(), StringComparison.Ordinal))
        {
            changes.Add($"per {before.UnitSize:N0} {before.Measure} → per {UnitSize:N0} {Measure.Trim()}");
        }

        return changes.Count == 0 ? null : string.Join("; ", changes);
    }
}
