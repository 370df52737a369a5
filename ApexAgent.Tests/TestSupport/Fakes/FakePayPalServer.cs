using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ApexAgent.Tests.TestSupport.Fakes;

/// <summary>
/// A stateful stand-in for PayPal's REST API on 127.0.0.1 (Kestrel): OAuth2 client credentials with
/// <c>expires_in</c>, vault v3 setup and payment tokens, Orders v2 (vault charges and approve → capture), capture
/// refunds and webhook signature verification, answering with PayPal's JSON shapes and error bodies. Like PayPal it
/// answers a repeated <c>PayPal-Request-Id</c> with the first answer (same order, no second capture). Faults can be
/// injected per path: statuses (401, 429, 500, 503) and delays, the work being done before a delay (a lost answer).
/// </summary>
public sealed class FakePayPalServer : IAsyncDisposable
{
    public const string ClientId = "fake-client";
    public const string ClientSecret = "fake-secret";
    public const string WebhookId = "WH-FAKE-1";
    public const string ValidSignature = "fake-valid-signature";

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, (int Status, string Body)> byRequestId = new();
    private readonly ConcurrentDictionary<string, bool> validTokens = new();
    private readonly ConcurrentDictionary<string, JsonObject> setupTokens = new();
    private readonly ConcurrentDictionary<string, JsonObject> paymentTokens = new();
    private readonly ConcurrentDictionary<string, JsonObject> orders = new();
    private readonly ConcurrentDictionary<string, (string OrderId, long Minor, string Currency)> captures = new();
    private readonly ConcurrentDictionary<string, long> refunded = new();
    private readonly ConcurrentQueue<Fault> faults = new();
    private readonly object gate = new();
    private int sequence;

    public FakePayPalServer()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        app = builder.Build();
        app.Run(HandleAsync);
        app.StartAsync().GetAwaiter().GetResult();
        Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public string Url { get; }

    /// <summary>The settings that point the portal at this fake.</summary>
    public Dictionary<string, string?> Settings(int attemptTimeoutSeconds = 5, int totalTimeoutSeconds = 15, int maxRetries = 3, int breakerMinimumThroughput = 10) => new()
    {
        ["PayPal:ClientId"] = ClientId,
        ["PayPal:ClientSecret"] = ClientSecret,
        ["PayPal:BaseUrl"] = Url,
        ["PayPal:WebhookId"] = WebhookId,
        ["PayPal:AttemptTimeoutSeconds"] = attemptTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
        ["PayPal:TotalTimeoutSeconds"] = totalTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
        ["PayPal:MaxRetries"] = maxRetries.ToString(CultureInfo.InvariantCulture),
        ["PayPal:RetryDelayMilliseconds"] = "10",
        ["PayPal:BreakerMinimumThroughput"] = breakerMinimumThroughput.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>How long issued access tokens live (<c>expires_in</c>).</summary>
    public int TokenLifetimeSeconds { get; set; } = 32400;

    public int TokenRequests;

    /// <summary>Every request: method, path, PayPal-Request-Id, and the answer's status.</summary>
    public ConcurrentQueue<(string Method, string Path, string? RequestId, int Status)> Requests { get; } = new();

    /// <summary>Vault tokens whose charges PayPal declines (422 INSTRUMENT_DECLINED).</summary>
    public ConcurrentDictionary<string, bool> DecliningVaults { get; } = new();

    /// <summary>Captures of approved orders come back DECLINED.</summary>
    public bool DeclineCaptures { get; set; }

    /// <summary>The email address of the buyer who approves setup tokens.</summary>
    public string PayerEmail { get; set; } = "jane.doe@example.com";

    public JsonObject? LastVerification { get; private set; }

    public int CaptureCount => captures.Count;

    public IReadOnlyCollection<(string OrderId, long Minor, string Currency)> Captures => captures.Values.ToList();

    public (string OrderId, long Minor, string Currency) CaptureById(string captureId) => captures[captureId];

    public long RefundedMinor(string captureId) => refunded.GetValueOrDefault(captureId);

    public int Count(string method, string pathPrefix) => Requests.Count(r => r.Method == method && r.Path.StartsWith(pathPrefix, StringComparison.Ordinal));

    /// <summary>Revokes every access token: the next call with one is answered 401 (an expired token).</summary>
    public void RevokeTokens() => validTokens.Clear();

    /// <summary>The next <paramref name="times"/> requests to <paramref name="pathPrefix"/> are answered <paramref name="status"/> without doing anything.</summary>
    public void Fail(string method, string pathPrefix, HttpStatusCode status, int times = 1) =>
        faults.Enqueue(new Fault(method, pathPrefix, (int)status, TimeSpan.Zero, times));

    /// <summary>The next <paramref name="times"/> requests to <paramref name="pathPrefix"/> are done, but answered only after <paramref name="delay"/>.</summary>
    public void Delay(string method, string pathPrefix, TimeSpan delay, int times = 1) =>
        faults.Enqueue(new Fault(method, pathPrefix, 0, delay, times));

    public void ClearFaults() => faults.Clear();

    /// <summary>The buyer approves a setup token at PayPal (what the approve page does).</summary>
    public void ApproveSetupToken(string id)
    {
        var token = setupTokens[id];
        token["status"] = "APPROVED";
        token["payer_email"] = PayerEmail;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var method = context.Request.Method;
        var path = context.Request.Path.Value ?? "/";
        var requestId = context.Request.Headers["PayPal-Request-Id"].FirstOrDefault();
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
        var fault = Take(method, path);
        (int Status, string Body, string? Location) answer;
        if (fault is { Status: > 0 })
        {
            answer = (fault.Status, Error(fault.Status == 429 ? "RATE_LIMIT_REACHED" : "INTERNAL_SERVER_ERROR", null), null);
        }
        else
        {
            answer = Answer(context, method, path, requestId, body);
        }

        Requests.Enqueue((method, path, requestId, answer.Status));
        if (fault is { Delay.Ticks: > 0 })
        {
            try
            {
                await Task.Delay(fault.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return; // the caller gave up: its answer is lost, the work is done
            }
        }

        context.Response.StatusCode = answer.Status;
        if (answer.Location is { } location)
        {
            context.Response.Headers.Location = location;
            return;
        }

        if (answer.Body.Length > 0)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer.Body);
        }
    }

    private Fault? Take(string method, string path)
    {
        lock (gate)
        {
            foreach (var fault in faults)
            {
                if (fault.Method == method && path.StartsWith(fault.PathPrefix, StringComparison.Ordinal) && fault.Remaining > 0)
                {
                    fault.Remaining--;
                    return fault;
                }
            }
        }

        return null;
    }

    private (int, string, string?) Answer(HttpContext context, string method, string path, string? requestId, string body)
    {
        if (method == "POST" && path == "/v1/oauth2/token")
        {
            return Token(context, body);
        }

        if (method == "GET" && path.StartsWith("/fake/approve/", StringComparison.Ordinal))
        {
            return Approve(context, path);
        }

        var bearer = context.Request.Headers.Authorization.FirstOrDefault();
        if (bearer is null || !bearer.StartsWith("Bearer ", StringComparison.Ordinal) || !validTokens.ContainsKey(bearer[7..]))
        {
            return (401, """{"error":"invalid_token","error_description":"Token signature verification failed"}""", null);
        }

        if (requestId is not null && byRequestId.TryGetValue($"{method} {path} {requestId}", out var first))
        {
            return (first.Status, first.Body, null); // PayPal answers a repeated request id with the first answer
        }

        var json = body.Length > 0 ? JsonNode.Parse(body) as JsonObject : null;
        (int Status, string Body) result;
        lock (gate)
        {
            result = (method, path) switch
            {
                ("POST", "/v3/vault/setup-tokens") => SetupToken(json!),
                ("POST", "/v3/vault/payment-tokens") => PaymentToken(json!),
                ("DELETE", _) when path.StartsWith("/v3/vault/payment-tokens/", StringComparison.Ordinal) => DeletePaymentToken(path[25..]),
                ("POST", "/v2/checkout/orders") => CreateOrder(json!),
                ("GET", _) when path.StartsWith("/v2/checkout/orders/", StringComparison.Ordinal) => GetOrder(path[20..]),
                ("POST", _) when path.StartsWith("/v2/checkout/orders/", StringComparison.Ordinal) && path.EndsWith("/capture", StringComparison.Ordinal) => CaptureOrder(path[20..^8]),
                ("POST", _) when path.StartsWith("/v2/payments/captures/", StringComparison.Ordinal) && path.EndsWith("/refund", StringComparison.Ordinal) => Refund(path[22..^7], json!),
                ("POST", "/v1/notifications/verify-webhook-signature") => Verify(json!),
                _ => (404, Error("RESOURCE_NOT_FOUND", "INVALID_RESOURCE_ID")),
            };
        }

        if (requestId is not null)
        {
            byRequestId[$"{method} {path} {requestId}"] = result;
        }

        return (result.Status, result.Body, null);
    }

    private (int, string, string?) Token(HttpContext context, string body)
    {
        var expected = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}"));
        if (context.Request.Headers.Authorization.FirstOrDefault() != expected || !body.Contains("grant_type=client_credentials", StringComparison.Ordinal))
        {
            return (401, """{"error":"invalid_client","error_description":"Client Authentication failed"}""", null);
        }

        Interlocked.Increment(ref TokenRequests);
        var token = $"A21AA{Guid.NewGuid():N}";
        validTokens[token] = true;
        var answer = new JsonObject
        {
            ["scope"] = "https://uri.paypal.com/services/payments/payment https://uri.paypal.com/services/vault/payment-tokens/readwrite",
            ["access_token"] = token,
            ["token_type"] = "Bearer",
            ["app_id"] = "APP-80W284485P519543T",
            ["expires_in"] = TokenLifetimeSeconds,
            ["nonce"] = $"{DateTime.UtcNow:O}{Guid.NewGuid():N}",
        };
        return (200, answer.ToJsonString(), null);
    }

    private (int, string, string?) Approve(HttpContext context, string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries); // fake approve {setup|order} {id}
        var cancel = context.Request.Query.ContainsKey("cancel");
        if (parts.Length != 4)
        {
            return (404, "", null);
        }

        lock (gate)
        {
            if (parts[2] == "setup" && setupTokens.TryGetValue(parts[3], out var setup))
            {
                var context_ = setup["payment_source"]!["paypal"]!["experience_context"]!;
                if (cancel)
                {
                    return (302, "", context_["cancel_url"]!.GetValue<string>());
                }

                ApproveSetupToken(parts[3]);
                var back = context_["return_url"]!.GetValue<string>();
                return (302, "", $"{back}{(back.Contains('?') ? '&' : '?')}approval_token_id={parts[3]}&approval_session_id=AS-{parts[3]}");
            }

            if (parts[2] == "order" && orders.TryGetValue(parts[3], out var order))
            {
                var context_ = order["payment_source"]!["paypal"]!["experience_context"]!;
                if (cancel)
                {
                    return (302, "", context_["cancel_url"]!.GetValue<string>());
                }

                order["status"] = "APPROVED";
                var back = context_["return_url"]!.GetValue<string>();
                return (302, "", $"{back}{(back.Contains('?') ? '&' : '?')}token={parts[3]}&PayerID=FAKEPAYER1");
            }
        }

        return (404, "", null);
    }

    private (int, string) SetupToken(JsonObject request)
    {
        var id = $"5C{Next():D6}FAKE";
        var token = new JsonObject
        {
            ["id"] = id,
            ["customer"] = new JsonObject { ["id"] = $"customer_{Next()}" },
            ["status"] = "PAYER_ACTION_REQUIRED",
            ["payment_source"] = request["payment_source"]!.DeepClone(),
            ["links"] = new JsonArray(
                Link($"{Url}/fake/approve/setup/{id}", "approve", "GET"),
                Link($"{Url}/v3/vault/setup-tokens/{id}", "self", "GET")),
        };
        setupTokens[id] = token;
        var answer = (JsonObject)token.DeepClone();
        return (201, answer.ToJsonString());
    }

    private (int, string) PaymentToken(JsonObject request)
    {
        var setupId = request["payment_source"]?["token"]?["id"]?.GetValue<string>();
        if (setupId is null || !setupTokens.TryGetValue(setupId, out var setup))
        {
            return (404, Error("RESOURCE_NOT_FOUND", "INVALID_RESOURCE_ID"));
        }

        if (setup["status"]!.GetValue<string>() != "APPROVED")
        {
            return (422, Error("UNPROCESSABLE_ENTITY", "SETUP_TOKEN_NOT_APPROVED"));
        }

        var id = $"8KE{Next():D6}VAULT";
        var token = new JsonObject
        {
            ["id"] = id,
            ["customer"] = setup["customer"]!.DeepClone(),
            ["payment_source"] = new JsonObject { ["paypal"] = new JsonObject { ["email_address"] = setup["payer_email"]!.GetValue<string>(), ["payer_id"] = "FAKEPAYER1" } },
            ["links"] = new JsonArray(Link($"{Url}/v3/vault/payment-tokens/{id}", "self", "GET"), Link($"{Url}/v3/vault/payment-tokens/{id}", "delete", "DELETE")),
        };
        paymentTokens[id] = token;
        return (201, token.ToJsonString());
    }

    private (int, string) DeletePaymentToken(string id) =>
        paymentTokens.TryRemove(id, out _) ? (204, "") : (404, Error("RESOURCE_NOT_FOUND", "INVALID_RESOURCE_ID"));

    private (int, string) CreateOrder(JsonObject request)
    {
        var unit = request["purchase_units"]![0]!;
        var amount = unit["amount"]!;
        var id = $"5O{Next():D6}ORDER";
        var vaultId = request["payment_source"]?["paypal"]?["vault_id"]?.GetValue<string>();
        var order = new JsonObject
        {
            ["id"] = id,
            ["intent"] = "CAPTURE",
            ["create_time"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["purchase_units"] = new JsonArray(new JsonObject
            {
                ["reference_id"] = unit["reference_id"]?.DeepClone() ?? "default",
                ["custom_id"] = unit["custom_id"]?.DeepClone(),
                ["description"] = unit["description"]?.DeepClone(),
                ["amount"] = amount.DeepClone(),
            }),
            ["payment_source"] = request["payment_source"]!.DeepClone(),
        };
        if (vaultId is null)
        {
            order["status"] = "PAYER_ACTION_REQUIRED";
            order["links"] = new JsonArray(Link($"{Url}/v2/checkout/orders/{id}", "self", "GET"), Link($"{Url}/fake/approve/order/{id}", "payer-action", "GET"));
            orders[id] = order;
            return (200, order.ToJsonString());
        }

        if (!paymentTokens.ContainsKey(vaultId))
        {
            return (422, Error("UNPROCESSABLE_ENTITY", "INVALID_VAULT_ID"));
        }

        if (DecliningVaults.ContainsKey(vaultId))
        {
            return (422, Error("UNPROCESSABLE_ENTITY", "INSTRUMENT_DECLINED"));
        }

        orders[id] = order;
        Capture(order, "COMPLETED");
        return (201, order.ToJsonString());
    }

    private (int, string) GetOrder(string id) =>
        orders.TryGetValue(id, out var order) ? (200, order.ToJsonString()) : (404, Error("RESOURCE_NOT_FOUND", "INVALID_RESOURCE_ID"));

    private (int, string) CaptureOrder(string id)
    {
        if (!orders.TryGetValue(id, out var order))
        {
            return (404, Error("RESOURCE_NOT_FOUND", "INVALID_RESOURCE_ID"));
        }

        switch (order["status"]!.GetValue<string>())
        {
            case "COMPLETED":
                return (422, Error("UNPROCESSABLE_ENTITY", "ORDER_ALREADY_CAPTURED"));
            case not "APPROVED":
                return (422, Error("UNPROCESSABLE_ENTITY", "ORDER_NOT_APPROVED"));
        }

        if (DeclineCaptures)
        {
            order["status"] = "COMPLETED";
            order["purchase_units"]![0]!["payments"] = new JsonObject { ["captures"] = new JsonArray(new JsonObject { ["id"] = $"CAP{Next():D6}", ["status"] = "DECLINED", ["amount"] = order["purchase_units"]![0]!["amount"]!.DeepClone() }) };
            return (201, order.ToJsonString());
        }

        Capture(order, "COMPLETED");
        return (201, order.ToJsonString());
    }

    private void Capture(JsonObject order, string status)
    {
        var unit = order["purchase_units"]![0]!;
        var amount = unit["amount"]!;
        var captureId = $"3C{Next():D6}CAPTURE";
        unit["payments"] = new JsonObject
        {
            ["captures"] = new JsonArray(new JsonObject
            {
                ["id"] = captureId,
                ["status"] = status,
                ["amount"] = amount.DeepClone(),
                ["final_capture"] = true,
                ["custom_id"] = unit["custom_id"]?.DeepClone(),
                ["links"] = new JsonArray(Link($"{Url}/v2/payments/captures/{captureId}/refund", "refund", "POST")),
            }),
        };
        order["status"] = "COMPLETED";
        var currency = amount["currency_code"]!.GetValue<string>();
        captures[captureId] = (order["id"]!.GetValue<string>(), Minor(amount["value"]!.GetValue<string>()), currency);
    }

    private (int, string) Refund(string captureId, JsonObject request)
    {
        if (!captures.TryGetValue(captureId, out var capture))
        {
            return (404, Error("RESOURCE_NOT_FOUND", "INVALID_RESOURCE_ID"));
        }

        var minor = request["amount"] is { } amount ? Minor(amount["value"]!.GetValue<string>()) : capture.Minor - refunded.GetValueOrDefault(captureId);
        if (refunded.GetValueOrDefault(captureId) >= capture.Minor)
        {
            return (422, Error("UNPROCESSABLE_ENTITY", "CAPTURE_FULLY_REFUNDED"));
        }

        if (minor <= 0 || refunded.GetValueOrDefault(captureId) + minor > capture.Minor)
        {
            return (422, Error("UNPROCESSABLE_ENTITY", "REFUND_AMOUNT_EXCEEDED"));
        }

        refunded[captureId] = refunded.GetValueOrDefault(captureId) + minor;
        var refund = new JsonObject
        {
            ["id"] = $"1R{Next():D6}REFUND",
            ["status"] = "COMPLETED",
            ["amount"] = new JsonObject { ["value"] = (minor / 100m).ToString("F2", CultureInfo.InvariantCulture), ["currency_code"] = capture.Currency },
            ["links"] = new JsonArray(Link($"{Url}/v2/payments/captures/{captureId}", "up", "GET")),
        };
        return (201, refund.ToJsonString());
    }

    private (int, string) Verify(JsonObject request)
    {
        LastVerification = (JsonObject)request.DeepClone();
        var genuine = request["webhook_id"]?.GetValue<string>() == WebhookId && request["transmission_sig"]?.GetValue<string>() == ValidSignature
            && request["webhook_event"] is JsonObject;
        return (200, new JsonObject { ["verification_status"] = genuine ? "SUCCESS" : "FAILURE" }.ToJsonString());
    }

    private int Next() => Interlocked.Increment(ref sequence);

    private static long Minor(string value) => (long)(decimal.Parse(value, CultureInfo.InvariantCulture) * 100);

    private static JsonObject Link(string href, string rel, string method) => new() { ["href"] = href, ["rel"] = rel, ["method"] = method };

    private static string Error(string name, string? issue) => new JsonObject
    {
        ["name"] = name,
        ["message"] = issue is null ? "An internal server error has occurred." : "The requested action could not be performed, semantically incorrect, or failed business validation.",
        ["debug_id"] = Guid.NewGuid().ToString("N")[..13],
        ["details"] = issue is null ? new JsonArray() : new JsonArray(new JsonObject { ["issue"] = issue, ["description"] = issue.Replace('_', ' ').ToLowerInvariant() }),
        ["links"] = new JsonArray(),
    }.ToJsonString();

    private sealed class Fault(string method, string pathPrefix, int status, TimeSpan delay, int remaining)
    {
        public string Method { get; } = method;

        public string PathPrefix { get; } = pathPrefix;

        public int Status { get; } = status;

        public TimeSpan Delay { get; } = delay;

        public int Remaining { get; set; } = remaining;
    }
}
