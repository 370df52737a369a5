using System.Text;
using System.Text.Json;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Api;
using ApexAgent.Portal.Integrations.PayPal;

namespace ApexAgent.Portal.Features.Billing.Webhooks;

/// <summary>
/// <c>POST /webhooks/stripe</c> and <c>POST /webhooks/paypal</c>: anonymous (the signature is the authentication), no
/// antiforgery, the body read as the exact bytes that were signed. A delivery that is not genuine, or not an event, is
/// answered 400 and changes nothing; a genuine one 200 (also when repeated or ignored). An endpoint whose processor is
/// not configured here answers 404.
/// </summary>
public static class WebhookEndpoints
{
    /// <summary>Processor events are a few kilobytes; anything much larger is refused before it is parsed.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    private static readonly JsonDocumentOptions Json = new() { MaxDepth = 32 };

    public static void MapWebhookEndpoints(this WebApplication app)
    {
        app.MapPost("/webhooks/stripe", StripeAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        app.MapPost("/webhooks/paypal", PayPalAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
    }

    private static async Task<IResult> StripeAsync(HttpContext http, IConfiguration configuration, WebhookInbox inbox, TimeProvider clock, ILoggerFactory logs, CancellationToken ct)
    {
        var secret = configuration["Stripe:WebhookSecret"];
        if (string.IsNullOrWhiteSpace(secret))
        {
            return ApiProblems.From(Error.NotFound("webhook", "webhook endpoint"));
        }

        var body = await ReadAsync(http.Request, ct);
        if (body is null)
        {
            return TooLarge();
        }

        if (StripeSignature.Verify(body, http.Request.Headers["Stripe-Signature"].ToString(), secret, clock.GetUtcNow()) is { } why)
        {
            logs.CreateLogger(typeof(WebhookEndpoints)).LogWarning("Stripe webhook refused: {Reason}", why);
            return NotGenuine();
        }

        return await ReceiveAsync(body, StripeEventReader.Read, inbox, ct);
    }

    private static async Task<IResult> PayPalAsync(HttpContext http, IServiceProvider services, WebhookInbox inbox, ILoggerFactory logs, CancellationToken ct)
    {
        if (services.GetService<IPayPalWebhookVerifier>() is not { } verifier)
        {
            return ApiProblems.From(Error.NotFound("webhook", "webhook endpoint"));
        }

        var body = await ReadAsync(http.Request, ct);
        if (body is null)
        {
            return TooLarge();
        }

        var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        bool genuine;
        try
        {
            genuine = await verifier.VerifyAsync(headers, Encoding.UTF8.GetString(body), ct);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            logs.CreateLogger(typeof(WebhookEndpoints)).LogWarning(e, "PayPal webhook could not be verified now; PayPal delivers it again");
            return TypedResults.Problem("The delivery could not be verified with PayPal right now; deliver it again later.", statusCode: 503,
                extensions: new Dictionary<string, object?> { ["code"] = "verification_unavailable" });
        }

        if (!genuine)
        {
            logs.CreateLogger(typeof(WebhookEndpoints)).LogWarning("PayPal webhook refused: not verified");
            return NotGenuine();
        }

        return await ReceiveAsync(body, PayPalEventReader.Read, inbox, ct);
    }

    private static async Task<IResult> ReceiveAsync(byte[] body, Func<JsonElement, WebhookEvent?> read, WebhookInbox inbox, CancellationToken ct)
    {
        WebhookEvent? ev;
        try
        {
            using var json = JsonDocument.Parse(body, Json);
            ev = json.RootElement.ValueKind == JsonValueKind.Object ? read(json.RootElement) : null;
        }
        catch (JsonException)
        {
            ev = null;
        }

        if (ev is null)
        {
            return ApiProblems.From(new Error("invalid_event", "The body is not an event of this processor, or it lacks a field the event type needs."));
        }

        var outcome = await inbox.ReceiveAsync(ev, Encoding.UTF8.GetString(body), ct);
        return TypedResults.Ok(new WebhookReceipt(ev.Id, ApiMoney.Snake(outcome.ToString())));
    }

    /// <summary>The body as received, or null when it is larger than <see cref="MaxBodyBytes"/>.</summary>
    private static async Task<byte[]?> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static IResult NotGenuine() =>
        ApiProblems.From(new Error("invalid_signature", "The delivery's signature is missing, wrong or too old. Nothing was changed."));

    private static IResult TooLarge() =>
        ApiProblems.From(new Error("payload_too_large", $"A webhook body is at most {MaxBodyBytes / 1024} KB."));
}
