using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace ApexAgent.Portal.Integrations.PayPal;

/// <summary>
/// Asks PayPal whether a delivery is genuine (<c>POST /v1/notifications/verify-webhook-signature</c>): the transmission
/// headers, the configured webhook id and the event exactly as received; genuine only when PayPal answers
/// <c>verification_status: SUCCESS</c>. Anything else — a missing header, a body that is not JSON, no webhook id
/// configured, PayPal not answering — is "not verified".
/// </summary>
public sealed class PayPalWebhookVerifier(PayPalClient client, IOptions<PayPalOptions> options, ILogger<PayPalWebhookVerifier> logger) : IPayPalWebhookVerifier
{
    public async Task<bool> VerifyAsync(IReadOnlyDictionary<string, string> headers, string body, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(options.Value.WebhookId))
        {
            logger.LogError("A PayPal webhook arrived but PayPal:WebhookId is not configured; it cannot be verified");
            return false;
        }

        var named = new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase);
        string? Header(string name) => named.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
        if (Header("PAYPAL-AUTH-ALGO") is not { } algo || Header("PAYPAL-CERT-URL") is not { } cert || Header("PAYPAL-TRANSMISSION-ID") is not { } id
            || Header("PAYPAL-TRANSMISSION-SIG") is not { } sig || Header("PAYPAL-TRANSMISSION-TIME") is not { } time)
        {
            return false;
        }

        JsonNode? webhookEvent;
        try
        {
            webhookEvent = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return false;
        }

        if (webhookEvent is not JsonObject)
        {
            return false;
        }

        var request = new JsonObject
        {
            ["auth_algo"] = algo,
            ["cert_url"] = cert,
            ["transmission_id"] = id,
            ["transmission_sig"] = sig,
            ["transmission_time"] = time,
            ["webhook_id"] = options.Value.WebhookId,
            ["webhook_event"] = webhookEvent,
        };
        try
        {
            var answer = await client.SendAsync(HttpMethod.Post, "v1/notifications/verify-webhook-signature", request.ToJsonString(), null, ct);
            return answer.IsSuccess && answer.Text("verification_status") == "SUCCESS";
        }
        catch (Exception e) when (e is HttpRequestException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            logger.LogWarning("PayPal did not answer a webhook verification ({Error}); the delivery is refused and PayPal will resend it", e.GetType().Name);
            return false;
        }
    }
}
