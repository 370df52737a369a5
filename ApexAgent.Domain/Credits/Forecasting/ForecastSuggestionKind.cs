namespace ApexAgent.Domain.Credits.Forecasting;

public enum ForecastSuggestionKind
{
    /// <summary>Buy this pack once.</summary>
    Pack,

    /// <summary>Turn on auto top-up with this pack.</summary>
    AutoTopUp,
}
