using ApexAgent.Domain.Common;

namespace ApexAgent.Domain.Usage;

/// <summary>
/// One version of the rate card: what each feature costs in credits, from <see cref="EffectiveFrom"/> until the next
/// version. Usage is priced by the version in force when it happened. A price is computed exactly and rounded once
/// to a whole millicredit, half away from zero (the money rule, applied to credits).
/// </summary>
public sealed record RateCard(int Version, DateTimeOffset EffectiveFrom, IReadOnlyList<FeatureRate> Rates)
{
    /// <summary>The largest quantity one event may carry, so that no price can overflow.</summary>
    public const decimal LargestQuantity = 1_000_000_000m;

    public FeatureRate? RateOf(string feature) => Rates.FirstOrDefault(r => string.Equals(r.Feature, feature, StringComparison.Ordinal));

    /// <summary>The credits <paramref name="quantity"/> of <paramref name="feature"/> costs (quantity in the feature's measure, up to three decimals).</summary>
    public Result<Millicredits> Price(string feature, decimal quantity)
    {
        if (RateOf(feature) is not { } rate)
        {
            return new Error("unknown_feature", $"'{feature}' is not on the rate card. Known features: {string.Join(", ", Rates.Select(r => r.Feature))}.");
        }

        if (quantity <= 0 || quantity > LargestQuantity || decimal.Round(quantity, 3) != quantity)
        {
            return new Error("invalid_quantity", $"The quantity must be positive, at most {LargestQuantity:N0}, with at most three decimals.");
        }

        var exact = quantity * rate.PerUnit.Value / rate.UnitSize;
        return new Millicredits((long)decimal.Round(exact, 0, MidpointRounding.AwayFromZero));
    }

    public Error? Validate()
    {
        var fields = new Dictionary<string, string[]>();
        if (Rates.Count == 0)
        {
            fields["Rates"] = ["A rate card prices at least one feature."];
        }

        var duplicates = Rates.GroupBy(r => r.Feature, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            fields["Rates"] = [$"Each feature appears once: {string.Join(", ", duplicates)}."];
        }

        var bad = Rates.Where(r => r.UnitSize < 1 || r.PerUnit < Millicredits.Zero || !IsFeatureId(r.Feature)).Select(r => r.Feature).ToList();
        if (bad.Count > 0)
        {
            fields["Rates"] = [$"Feature ids are lower-case dotted words, units at least 1, prices not negative: {string.Join(", ", bad)}."];
        }

        return fields.Count == 0 ? null : Error.Invalid(fields);
    }

    private static bool IsFeatureId(string feature) =>
        feature.Length is > 0 and <= 64 && feature.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_') && !feature.StartsWith('.') && !feature.EndsWith('.');
}
