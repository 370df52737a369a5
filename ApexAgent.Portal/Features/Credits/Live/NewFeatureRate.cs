namespace ApexAgent.Portal.Features.Credits.Live;

/// <summary>One feature's rate as an admin enters it: <see cref="CreditsPerUnit"/> credits (up to three decimals) per <see cref="UnitSize"/> of <see cref="Measure"/>.</summary>
public sealed record NewFeatureRate(string? Feature, string? Measure, long UnitSize, decimal CreditsPerUnit);
