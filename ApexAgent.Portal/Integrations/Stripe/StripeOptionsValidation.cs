using Microsoft.Extensions.Options;

namespace ApexAgent.Portal.Integrations.Stripe;

/// <summary>
/// Checks the Stripe keys at start-up: all three together, each in Stripe's format, test and live keys not mixed. The
/// messages name the setting and the expected prefix, never the value.
/// </summary>
public sealed class StripeOptionsValidation : IValidateOptions<StripeOptions>
{
    public ValidateOptionsResult Validate(string? name, StripeOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (!HasPrefix(options.SecretKey, "sk_test_", "sk_live_", "rk_test_", "rk_live_"))
        {
            failures.Add("Stripe:SecretKey must be a Stripe secret key (sk_test_…, sk_live_…, or a restricted rk_… key). Stripe:SecretKey, Stripe:PublishableKey and Stripe:WebhookSecret are configured together, or none of them (the sandbox is used then).");
        }

        if (!HasPrefix(options.PublishableKey, "pk_test_", "pk_live_"))
        {
            failures.Add("Stripe:PublishableKey must be a Stripe publishable key (pk_test_… or pk_live_…); it is required when Stripe is configured.");
        }

        if (!HasPrefix(options.WebhookSecret, "whsec_"))
        {
            failures.Add("Stripe:WebhookSecret must be a webhook signing secret (whsec_…); it is required when Stripe is configured.");
        }

        if (failures.Count == 0 && options.IsLive != options.PublishableKey!.StartsWith("pk_live_", StringComparison.Ordinal))
        {
            failures.Add("Stripe:SecretKey and Stripe:PublishableKey must both be test keys or both be live keys.");
        }

        if (options.ApiBase is { Length: > 0 } apiBase && !(Uri.TryCreate(apiBase, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            failures.Add("Stripe:ApiBase must be an absolute http(s) address (it is meant for tests only).");
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > TimeSpan.FromMinutes(2))
        {
            failures.Add("Stripe:RequestTimeout must be between 0 and 2 minutes.");
        }

        if (options.MaxNetworkRetries is < 0 or > 5 || options.RateLimitRetries is < 0 or > 5)
        {
            failures.Add("Stripe:MaxNetworkRetries and Stripe:RateLimitRetries must be between 0 and 5.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool HasPrefix(string? value, params string[] prefixes) =>
        value is { Length: > 12 and <= 300 } && !value.Any(char.IsWhiteSpace) && prefixes.Any(p => value.StartsWith(p, StringComparison.Ordinal));
}
