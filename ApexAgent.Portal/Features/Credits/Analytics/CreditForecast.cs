using ApexAgent.Domain.Common;
using ApexAgent.Domain.Credits.Forecasting;

namespace ApexAgent.Portal.Features.Credits.Analytics;

/// <summary>An organisation's balance now and its projection, with the dates in the organisation's time zone.</summary>
public sealed record CreditForecast(Millicredits Available, DateOnly? NextRenewal, string TimeZone, BalanceProjection Projection);
