using System.ComponentModel.DataAnnotations;

namespace ApexAgent.Portal.Integrations.PayPal;

/// <summary>
/// PayPal's REST API (section <c>PayPal</c>). PayPal is offered only when <see cref="ClientId"/> is set; then the secret,
/// the base address and the webhook id are checked at start. The secret and access tokens are never logged.
/// </summary>
public sealed class PayPalOptions
{
    public const string Section = "PayPal";

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The live API is <c>https://api-m.paypal.com</c>; tests point this at a local fake.</summary>
    public string BaseUrl { get; set; } = "https://api-m.sandbox.paypal.com";

    /// <summary>The id PayPal gave the <c>/webhooks/paypal</c> subscription; verifying a delivery needs it.</summary>
    public string? WebhookId { get; set; }

    [Range(1, 120)]
    public int AttemptTimeoutSeconds { get; set; } = 10;

    [Range(1, 600)]
    public int TotalTimeoutSeconds { get; set; } = 30;

    [Range(1, 6)]
    public int MaxRetries { get; set; } = 3;

    [Range(1, 30_000)]
    public int RetryDelayMilliseconds { get; set; } = 500;

    /// <summary>The breaker opens when at least half of this many calls in the sampling window failed.</summary>
    [Range(2, 1000)]
    public int BreakerMinimumThroughput { get; set; } = 10;

    [Range(1, 3600)]
    public int BreakSeconds { get; set; } = 30;

    /// <summary>The access token is renewed this long before PayPal says it expires.</summary>
    [Range(0, 3600)]
    public int TokenRefreshMarginSeconds { get; set; } = 300;

    public bool Enabled => !string.IsNullOrWhiteSpace(ClientId);
}
