namespace ApexAgent.Portal.Features.Billing.Api;

/// <summary>A sandbox test card to tokenise: <c>{ "number": "4242 4242 4242 4242", "expMonth": 12, "expYear": 2030, "cvc": "123" }</c>.</summary>
public sealed record CardTokenBody(string? Number, int? ExpMonth, int? ExpYear, string? Cvc);
