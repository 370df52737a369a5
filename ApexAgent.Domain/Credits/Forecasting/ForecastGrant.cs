namespace ApexAgent.Domain.Credits.Forecasting;

/// <summary>
/// Credits the forecast can count on: a live grant's remainder, or a grant known to come (the daily refresh of each
/// day, the base credits of the next period). Usable on days in [<see cref="From"/>, <see cref="Until"/>).
/// </summary>
public sealed record ForecastGrant(DateOnly From, DateOnly Until, long Amount);
