namespace ApexAgent.Portal.Features.Billing.Api;

/// <summary>The token standing for a sandbox test card, with what may be shown of it.</summary>
public sealed record CardTokenResponse(string Token, string Brand, string Last4, int ExpMonth, int ExpYear);
