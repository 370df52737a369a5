namespace ApexAgent.Domain.Usage;

/// <summary>Every version of the rate card; the one in force at an instant is the latest that took effect by then.</summary>
public sealed class RateCardHistory(IEnumerable<RateCard> versions)
{
    private readonly RateCard[] versions = [.. versions.OrderBy(v => v.EffectiveFrom).ThenBy(v => v.Version)];

    public IReadOnlyList<RateCard> Versions => versions;

    /// <summary>The version in force at <paramref name="instant"/>, or null before the first took effect.</summary>
    public RateCard? InForceAt(DateTimeOffset instant) => versions.LastOrDefault(v => v.EffectiveFrom <= instant);
}
