namespace ApexAgent.Portal.Features.Billing.Api;

/// <summary><c>{ "token": "sbx_pm_…", "makeDefault": true }</c>: a token from the processor's card form (the first method becomes the default anyway).</summary>
public sealed record AddPaymentMethodBody(string? Token, bool? MakeDefault);
