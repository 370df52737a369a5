namespace ApexAgent.Portal.Integrations.Stripe;

/// <summary>
/// <c>Stripe:*</c>. Stripe is switched on by its secret key; then the publishable key (for Stripe.js in the browser) and
/// the webhook signing secret are required too, and all three must have Stripe's formats. Without keys the built-in
/// sandbox stays the card processor. None of these values is ever logged.
/// </summary>
public sealed class StripeOptions
{
    public const string Section = "Stripe";

    /// <summary><c>sk_test_…</c>, <c>sk_live_…</c> or a restricted key <c>rk_test_…</c>/<c>rk_live_…</c>.</summary>
    public string? SecretKey { get; set; }

    /// <summary><c>pk_test_…</c> or <c>pk_live_…</c>, handed to Stripe.js.</summary>
    public string? PublishableKey { get; set; }

    /// <summary><c>whsec_…</c>: verifies <c>Stripe-Signature</c> on <c>POST /webhooks/stripe</c>.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Tests only: the base address of a local fake of Stripe's API (default <c>https://api.stripe.com</c>).</summary>
    public string? ApiBase { get; set; }

    /// <summary>How long one request to Stripe may take before it counts as no answer (then retried by Stripe.net with the same idempotency key).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Stripe.net's own retries of a request that got no answer, a 409 or a 5xx (always with the same idempotency key).</summary>
    public int MaxNetworkRetries { get; set; } = 2;

    /// <summary>Our retries of a charge answered 429 (rate limited), with the same idempotency key, before it counts as a soft failure.</summary>
    public int RateLimitRetries { get; set; } = 2;

    /// <summary>The pause before the first retry after a 429; doubled each time.</summary>
    public TimeSpan RateLimitBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Any key configured means Stripe is meant to be on (and then all three must be right).</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(SecretKey) || !string.IsNullOrWhiteSpace(PublishableKey) || !string.IsNullOrWhiteSpace(WebhookSecret);

    public bool IsLive => SecretKey?.StartsWith("sk_live_", StringComparison.Ordinal) == true || SecretKey?.StartsWith("rk_live_", StringComparison.Ordinal) == true;
}
