namespace ApexAgent.Domain.Credits.Forecasting;

/// <summary>Millicredits used on one day (the organisation's day), as the daily roll-up keeps them.</summary>
public readonly record struct DailyUsage(DateOnly Day, long Used);
