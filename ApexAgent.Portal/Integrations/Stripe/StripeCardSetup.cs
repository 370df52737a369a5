namespace ApexAgent.Portal.Integrations.Stripe;

/// <summary>What Stripe.js needs to confirm a card: the SetupIntent's client secret and the publishable key.</summary>
public sealed record StripeCardSetup(string SetupIntentId, string ClientSecret, string PublishableKey);
