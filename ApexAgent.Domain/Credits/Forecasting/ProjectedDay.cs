namespace ApexAgent.Domain.Credits.Forecasting;

/// <summary>
/// The projected balance at the end of one day (millicredits, never below zero): at the expected pace, at the busy
/// pace (the earliest run-out) and at the quiet pace (the latest).
/// </summary>
public sealed record ProjectedDay(DateOnly Day, long Expected, long Busy, long Quiet);
