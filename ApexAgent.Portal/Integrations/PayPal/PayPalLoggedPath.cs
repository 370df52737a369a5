namespace ApexAgent.Portal.Integrations.PayPal;

/// <summary>
/// A PayPal request path as it may be logged: PayPal's own words kept (<c>v3/vault/payment-tokens</c>), every other
/// segment — a vault token, setup token, order, capture or refund id — replaced by <c>***</c>, and no query string.
/// A vault token id lets anyone holding our API credentials charge the buyer, so it never reaches a log.
/// </summary>
public static class PayPalLoggedPath
{
    public const string Hidden = "***";

    private static readonly HashSet<string> Words = new(StringComparer.Ordinal)
    {
        "v1", "v2", "v3", "oauth2", "token", "vault", "payment-tokens", "setup-tokens", "customers", "checkout", "orders",
        "capture", "authorize", "confirm-payment-source", "payments", "captures", "authorizations", "refunds", "refund",
        "notifications", "verify-webhook-signature", "webhooks", "webhooks-events", "reporting", "transactions",
    };

    /// <summary>The loggable form of a relative path or an absolute URI.</summary>
    public static string Of(string? pathOrUri)
    {
        if (string.IsNullOrEmpty(pathOrUri))
        {
            return "";
        }

        var path = Uri.TryCreate(pathOrUri, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" ? absolute.AbsolutePath : pathOrUri;
        var end = path.IndexOfAny(['?', '#']);
        if (end >= 0)
        {
            path = path[..end];
        }

        var segments = path.Trim('/').Split('/');
        return string.Join('/', segments.Select(s => Words.Contains(s) ? s : Hidden));
    }

    public static string Of(Uri? uri) => uri is null ? "" : Of(uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString);
}
