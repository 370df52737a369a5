namespace ApexAgent.Portal.Integrations.Stripe;

/// <summary>What wwwroot/js/stripe-card.js answers: the confirmed SetupIntent, the PaymentIntent's status, or an error for people.</summary>
public sealed record StripeBrowserResult(string? SetupIntentId, string? Status, string? Error);
