namespace ApexAgent.Portal.Features.Credits.Live.Api;

/// <summary>A new rate card version: every feature's rate, in force from <c>effectiveFrom</c> (omitted: now).</summary>
public sealed record RateCardVersionBody(DateTimeOffset? EffectiveFrom, string? Note, IReadOnlyList<RateCardVersionBody.Rate>? Rates)
{
    public sealed record Rate(string? Feature, string? Measure, long? UnitSize, decimal? CreditsPerUnit);
}
