using ApexAgent.Domain.Common;

namespace ApexAgent.Domain.Credits.Forecasting;

/// <summary>
/// What the forecast suggests: a pack that covers the expected shortfall until the next renewal, or auto top-up when
/// no single pack does (or the pool runs dry again after the renewal).
/// </summary>
public sealed record ForecastSuggestion(ForecastSuggestionKind Kind, CreditPack Pack, Millicredits Shortfall);
