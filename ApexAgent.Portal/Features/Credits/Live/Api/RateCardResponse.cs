using ApexAgent.Domain.Usage;

namespace ApexAgent.Portal.Features.Credits.Live.Api;

/// <summary>One version of the rate card: each feature costs <c>creditsPerUnit</c> credits per <c>unitSize</c> of its measure.</summary>
public sealed record RateCardResponse(int Version, DateTimeOffset EffectiveFrom, IReadOnlyList<RateCardResponse.Rate> Rates)
{
    public static RateCardResponse From(RateCard card) =>
        new(card.Version, card.EffectiveFrom, [.. card.Rates.Select(r => new Rate(r.Feature, r.Measure, r.UnitSize, r.PerUnit.Credits))]);

    public sealed record Rate(string Feature, string Measure, long UnitSize, decimal CreditsPerUnit);
}
