namespace ApexAgent.Portal.Features.Credits.Live;

/// <summary>A rate card version to save: in force from <see cref="EffectiveFrom"/> (null: now), with every feature's rate.</summary>
public sealed record NewRateCardVersion(DateTimeOffset? EffectiveFrom, string? Note, IReadOnlyList<NewFeatureRate> Rates);
