using ApexAgent.Portal.Api;

namespace ApexAgent.Portal.Features.Billing.Api;

/// <summary>A discount or tax line of a preview: its kind (<c>discount.volume</c>, <c>tax</c> …), what it says and its amount.</summary>
public sealed record AdjustmentLineResponse(string Kind, string Description, ApiMoney Amount);
