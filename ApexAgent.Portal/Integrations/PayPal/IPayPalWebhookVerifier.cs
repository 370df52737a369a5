namespace ApexAgent.Portal.Integrations.PayPal;

/// <summary>
/// Asks PayPal whether a webhook delivery is genuine (<c>POST /v1/notifications/verify-webhook-signature</c> with the
/// <c>PAYPAL-TRANSMISSION-*</c>, <c>PAYPAL-CERT-URL</c> and <c>PAYPAL-AUTH-ALGO</c> headers, the configured webhook id and
/// the event as received). Header names are matched case-insensitively.
/// </summary>
public interface IPayPalWebhookVerifier
{
    Task<bool> VerifyAsync(IReadOnlyDictionary<string, string> headers, string body, CancellationToken ct);
}
