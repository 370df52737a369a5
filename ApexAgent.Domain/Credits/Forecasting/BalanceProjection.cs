using ApexAgent.Domain.Common;

namespace ApexAgent.Domain.Credits.Forecasting;

/// <summary>
/// When the balance is expected to run out: <see cref="RunsOutOn"/> at the expected pace, between
/// <see cref="Earliest"/> (busy pace) and <see cref="Latest"/> (quiet pace); null when not within <see cref="HorizonDays"/>.
/// </summary>
public sealed record BalanceProjection(
    DateOnly Today,
    int HorizonDays,
    Millicredits ExpectedDailyUse,
    DateOnly? RunsOutOn,
    DateOnly? Earliest,
    DateOnly? Latest,
    Millicredits ShortfallBeforeRenewal,
    ForecastSuggestion? Suggestion,
    IReadOnlyList<ProjectedDay> Days)
{
    public bool RunsOutWithinHorizon => RunsOutOn is not null;
}
