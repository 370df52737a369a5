using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ApexAgent.Tests.TestSupport.Fakes;

/// <summary>
/// A stateful stand-in for Stripe's API on 127.0.0.1, speaking its wire format (form-encoded requests, JSON objects,
/// list and search results, <c>{"error":{…}}</c> bodies) so that the real Stripe.net client and
/// <c>StripePaymentProcessor</c> are exercised. It honours <c>Idempotency-Key</c> like Stripe: the first response for a
/// key is stored and replayed (<c>Idempotent-Replayed: true</c>), a key in flight answers 409, a key reused with other
/// parameters answers 400. Tests inject failures: a 500 or 429 before anything happens, or a slow answer after the
/// work is done (the response is lost to a client timeout, the charge is not).
/// Test cards follow Stripe's: 4242… succeeds, 0002 generic decline, 9995 insufficient funds, 9987 lost card,
/// 0069 expired, 0119 processing error, 3184 always requires authentication.
/// </summary>
public sealed class FakeStripeServer : IAsyncDisposable
{
    public const string SecretKey = "sk_test_fake0000000000000000";
    public const string PublishableKey = "pk_test_fake0000000000000000";
    public const string WebhookSecret = "whsec_fake0000000000000000000";

    private static readonly Dictionary<string, string?> Cards = new()
    {
        ["4242424242424242"] = null,
        ["4000000000000002"] = "generic_decline",
        ["4000000000009995"] = "insufficient_funds",
        ["4000000000009987"] = "lost_card",
        ["4000000000000069"] = "expired_card",
        ["4000000000000119"] = "processing_error",
        ["4000002760003184"] = "authentication_required",
    };

    private static readonly Dictionary<string, string> MagicMethods = new()
    {
        ["pm_card_visa"] = "4242424242424242",
        ["pm_card_chargeDeclined"] = "4000000000000002",
        ["pm_card_chargeDeclinedInsufficientFunds"] = "4000000000009995",
        ["pm_card_chargeDeclinedLostCard"] = "4000000000009987",
        ["pm_card_chargeDeclinedExpiredCard"] = "4000000000000069",
        ["pm_card_chargeDeclinedProcessingError"] = "4000000000000119",
        ["pm_card_authenticationRequired"] = "4000002760003184",
    };

    private readonly WebApplication app;
    private readonly Lock gate = new();
    private readonly Dictionary<string, JsonObject> objects = [];
    private readonly Dictionary<string, string> cardOf = []; // payment method id → card number
    private readonly Dictionary<string, (int Status, string Body, string Fingerprint)> replies = [];
    private readonly HashSet<string> inFlight = [];
    private readonly List<Injection> injections = [];
    private int sequence;

    private FakeStripeServer(WebApplication app) => this.app = app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>The clock for <c>created</c> timestamps (tests pass their fake clock).</summary>
    public Func<DateTimeOffset> Now { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>Every request, in order of arrival.</summary>
    public List<FakeStripeRequest> Requests { get; } = [];

    public static async Task<FakeStripeServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeStripeServer(app);
        app.Use(async (context, next) =>
        {
            // Stripe.js calls the API from the page: allow it (the browser test routes it here).
            context.Response.Headers["Access-Control-Allow-Origin"] = "*";
            context.Response.Headers["Access-Control-Allow-Headers"] = "*";
            if (HttpMethods.IsOptions(context.Request.Method))
            {
                context.Response.StatusCode = 204;
                return;
            }

            await next();
        });
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = app.Urls.First().TrimEnd('/');
        return server;
    }

    /// <summary>The settings that point the portal at this fake (timeouts short, retries few).</summary>
    public Dictionary<string, string?> PortalSettings(TimeSpan? timeout = null, int networkRetries = 1) => new()
    {
        ["Stripe:SecretKey"] = SecretKey,
        ["Stripe:PublishableKey"] = PublishableKey,
        ["Stripe:WebhookSecret"] = WebhookSecret,
        ["Stripe:ApiBase"] = BaseUrl,
        ["Stripe:RequestTimeout"] = (timeout ?? TimeSpan.FromSeconds(2)).ToString("c", CultureInfo.InvariantCulture),
        ["Stripe:MaxNetworkRetries"] = networkRetries.ToString(CultureInfo.InvariantCulture),
        ["Stripe:RateLimitRetries"] = "1",
        ["Stripe:RateLimitBackoff"] = "00:00:00.050",
    };

    // ---- injections -------------------------------------------------------------------------------------------

    /// <summary>The next <paramref name="times"/> requests to <paramref name="path"/> (a prefix) answer <paramref name="status"/> without doing anything.</summary>
    public void Fail(string method, string path, int status, int times = 1) =>
        Add(new Injection(method, path, times, status, TimeSpan.Zero));

    /// <summary>The next <paramref name="times"/> requests to <paramref name="path"/> are done, then answered only after <paramref name="delay"/>.</summary>
    public void Delay(string method, string path, TimeSpan delay, int times = 1) =>
        Add(new Injection(method, path, times, null, delay));

    private void Add(Injection injection)
    {
        lock (gate)
        {
            injections.Add(injection);
        }
    }

    // ---- what tests read and do --------------------------------------------------------------------------------

    public IReadOnlyList<JsonObject> All(string type)
    {
        lock (gate)
        {
            return objects.Values.Where(o => (string?)o["object"] == type).Select(o => (JsonObject)o.DeepClone()).ToList();
        }
    }

    public JsonObject Get(string id)
    {
        lock (gate)
        {
            return (JsonObject)objects[id].DeepClone();
        }
    }

    /// <summary>Stripe.js's confirmCardSetup: the card goes to Stripe and the SetupIntent succeeds.</summary>
    public void ConfirmSetupIntent(string setupIntentId, string cardNumber)
    {
        lock (gate)
        {
            ConfirmSetup(objects[setupIntentId], cardNumber);
        }
    }

    /// <summary>The customer passes (or fails) 3-D Secure for a PaymentIntent that requires action.</summary>
    public void Authenticate(string paymentIntentId, bool approve)
    {
        lock (gate)
        {
            var intent = objects[paymentIntentId];
            if ((string?)intent["status"] != "requires_action")
            {
                return;
            }

            if (approve)
            {
                Succeed(intent);
            }
            else
            {
                intent["status"] = "requires_payment_method";
                intent["next_action"] = null;
                intent["last_payment_error"] = Error("card_error", "payment_intent_authentication_failure", null, "The provided PaymentMethod has failed authentication.");
            }
        }
    }

    /// <summary>A card saved at Stripe for <paramref name="customerId"/>, as a confirmed SetupIntent would leave it.</summary>
    public string SavedCard(string customerId, string number)
    {
        lock (gate)
        {
            var method = NewMethod(number);
            method["customer"] = customerId;
            return (string)method["id"]!;
        }
    }

    // ---- the API ------------------------------------------------------------------------------------------------

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in request.Query)
        {
            form[name] = value.ToString();
        }

        if (request.HasFormContentType)
        {
            foreach (var (name, value) in await request.ReadFormAsync())
            {
                form[name] = value.ToString();
            }
        }

        var key = request.Headers["Idempotency-Key"].FirstOrDefault();
        var path = request.Path.Value ?? "";
        var method = request.Method;
        var auth = request.Headers.Authorization.ToString();
        Injection? injected;
        lock (gate)
        {
            injected = injections.FirstOrDefault(i => i.Remaining > 0 && i.Method == method && path.StartsWith(i.Path, StringComparison.Ordinal));
            if (injected is not null)
            {
                injected.Remaining--;
            }
        }

        int status;
        string body;
        var publishable = auth.StartsWith("Bearer pk_test_", StringComparison.Ordinal) || form.GetValueOrDefault("key")?.StartsWith("pk_test_", StringComparison.Ordinal) == true;
        if (!auth.StartsWith("Bearer sk_test_", StringComparison.Ordinal) && !(publishable && path.EndsWith("/confirm", StringComparison.Ordinal)))
        {
            (status, body) = (401, ErrorBody("invalid_request_error", null, null, "Invalid API Key provided."));
        }
        else if (injected?.Status is { } failure)
        {
            (status, body) = (failure, failure == 429
                ? ErrorBody("invalid_request_error", "rate_limit", null, "Request rate limit exceeded.")
                : ErrorBody("api_error", null, null, "An unknown error occurred."));
        }
        else if (method == "POST" && key is not null)
        {
            var fingerprint = path + "?" + string.Join("&", form.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
            bool replayed;
            lock (gate)
            {
                replayed = replies.TryGetValue(key, out var stored);
                if (replayed && stored.Fingerprint != fingerprint)
                {
                    (status, body) = (400, ErrorBody("idempotency_error", null, null, "Keys for idempotent requests can only be used with the same parameters they were first used with."));
                }
                else if (replayed)
                {
                    (status, body) = (stored.Status, stored.Body);
                    context.Response.Headers["Idempotent-Replayed"] = "true";
                }
                else if (!inFlight.Add(key))
                {
                    (status, body) = (409, ErrorBody("idempotency_error", "idempotency_key_in_use", null, "There is currently another in-progress request using this Idempotent Key."));
                    replayed = true;
                }
                else
                {
                    (status, body) = (0, "");
                }
            }

            if (!replayed)
            {
                try
                {
                    lock (gate)
                    {
                        (status, body) = Route(method, path, form);
                        replies[key] = (status, body, fingerprint);
                    }
                }
                finally
                {
                    lock (gate)
                    {
                        inFlight.Remove(key);
                    }
                }
            }
        }
        else
        {
            lock (gate)
            {
                (status, body) = Route(method, path, form);
            }
        }

        lock (gate)
        {
            Requests.Add(new FakeStripeRequest(method, path, key, form, status));
        }

        if (injected is { Status: null } slow)
        {
            await Task.Delay(slow.Delay); // the work is done; the answer arrives too late
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["Request-Id"] = $"req_{Interlocked.Increment(ref sequence)}";
        await context.Response.WriteAsync(body);
    }

    private (int, string) Route(string method, string path, Dictionary<string, string> form)
    {
        try
        {
            return Dispatch(method, path, form);
        }
        catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException or FormatException)
        {
            return (500, ErrorBody("api_error", null, null, $"The fake Stripe failed: {e.Message}")); // a bug in the fake or the test
        }
    }

    private (int, string) Dispatch(string method, string path, Dictionary<string, string> form)
    {
        var parts = path.Trim('/').Split('/');
        if (parts.Length < 2 || parts[0] != "v1")
        {
            return NotFound(path);
        }

        var expand = form.Where(p => p.Key.StartsWith("expand[", StringComparison.Ordinal)).Select(p => p.Value).ToHashSet();
        return (method, parts[1], parts.Length > 2 ? parts[2] : null, parts.Length > 3 ? parts[3] : null) switch
        {
            ("POST", "customers", null, _) => Ok(CreateCustomer(form)),
            ("GET", "customers", "search", _) => Ok(Search("customer", form)),
            ("POST", "setup_intents", null, _) => Ok(CreateSetupIntent(form)),
            ("GET", "setup_intents", { } id, null) => Find(id, "setup_intent", expand),
            ("POST", "setup_intents", { } id, "confirm") => ConfirmSetupFromBrowser(id, form),
            ("GET", "payment_methods", { } id, null) => Find(id, "payment_method", expand),
            ("POST", "payment_methods", { } id, "attach") => Attach(id, form["customer"]),
            ("POST", "payment_methods", { } id, "detach") => Detach(id),
            ("POST", "payment_intents", null, _) => CreatePaymentIntent(form),
            ("GET", "payment_intents", "search", _) => Ok(Search("payment_intent", form)),
            ("GET", "payment_intents", null, _) => Ok(ListIntents(form, expand)),
            ("GET", "payment_intents", { } id, null) => Find(id, "payment_intent", expand),
            ("POST", "payment_intents", { } id, "confirm") => ConfirmIntentFromBrowser(id, form),
            ("POST", "refunds", null, _) => CreateRefund(form),
            _ => NotFound(path),
        };
    }

    private JsonObject CreateCustomer(Dictionary<string, string> form)
    {
        var customer = New("cus", "customer");
        customer["name"] = form.GetValueOrDefault("name");
        customer["email"] = form.GetValueOrDefault("email");
        customer["metadata"] = Metadata(form);
        return customer;
    }

    private JsonObject CreateSetupIntent(Dictionary<string, string> form)
    {
        var setup = New("seti", "setup_intent");
        setup["client_secret"] = $"{setup["id"]}_secret_{Guid.NewGuid():N}";
        setup["customer"] = form.GetValueOrDefault("customer");
        setup["usage"] = form.GetValueOrDefault("usage") ?? "off_session";
        setup["status"] = "requires_payment_method";
        setup["payment_method"] = null;
        setup["payment_method_types"] = new JsonArray("card");
        return setup;
    }

    private (int, string) ConfirmSetupFromBrowser(string id, Dictionary<string, string> form)
    {
        if (!objects.TryGetValue(id, out var setup) || form.GetValueOrDefault("client_secret") != (string?)setup["client_secret"])
        {
            return NotFound(id);
        }

        var number = form.GetValueOrDefault("payment_method_data[card][number]")?.Replace(" ", "", StringComparison.Ordinal) ?? "";
        if (!Cards.ContainsKey(number))
        {
            return (402, ErrorBody("card_error", "incorrect_number", null, "Your card number is incorrect."));
        }

        ConfirmSetup(setup, number);
        return Ok(setup);
    }

    private void ConfirmSetup(JsonObject setup, string number)
    {
        var method = NewMethod(number);
        method["customer"] = (string?)setup["customer"]; // confirmed with a customer: attached
        setup["payment_method"] = method["id"]!.GetValue<string>();
        setup["status"] = "succeeded";
    }

    private JsonObject NewMethod(string number)
    {
        var method = New("pm", "payment_method");
        method["type"] = "card";
        method["customer"] = null;
        method["card"] = new JsonObject
        {
            ["brand"] = number.StartsWith('5') ? "mastercard" : "visa",
            ["last4"] = number[^4..],
            ["exp_month"] = 12,
            ["exp_year"] = Now().Year + 3,
            ["funding"] = "credit",
            ["country"] = "US",
        };
        method["metadata"] = new JsonObject();
        cardOf[(string)method["id"]!] = number;
        return method;
    }

    private (int, string) Attach(string id, string customer)
    {
        if (MagicMethods.TryGetValue(id, out var number))
        {
            var clone = NewMethod(number);
            clone["customer"] = customer;
            return Ok(clone);
        }

        if (!objects.TryGetValue(id, out var method) || (string?)method["object"] != "payment_method")
        {
            return NotFound(id);
        }

        if ((string?)method["customer"] is { } holder && holder != customer)
        {
            return (400, ErrorBody("invalid_request_error", "payment_method_already_attached", null, "The payment method you provided has already been attached to a customer."));
        }

        method["customer"] = customer;
        return Ok(method);
    }

    private (int, string) Detach(string id)
    {
        if (!objects.TryGetValue(id, out var method) || (string?)method["customer"] is null)
        {
            return (400, ErrorBody("invalid_request_error", "payment_method_not_attached", null, "The payment method you provided is not attached to a customer so detachment is impossible."));
        }

        method["customer"] = null;
        return Ok(method);
    }

    private (int, string) CreatePaymentIntent(Dictionary<string, string> form)
    {
        var methodId = form.GetValueOrDefault("payment_method");
        if (methodId is null || !objects.TryGetValue(methodId, out var method) || (string?)method["customer"] != form.GetValueOrDefault("customer"))
        {
            return (400, ErrorBody("invalid_request_error", "resource_missing", null, $"No such PaymentMethod: '{methodId}'"));
        }

        var intent = New("pi", "payment_intent");
        intent["amount"] = long.Parse(form["amount"], CultureInfo.InvariantCulture);
        intent["amount_received"] = 0L;
        intent["currency"] = form["currency"];
        intent["customer"] = form.GetValueOrDefault("customer");
        intent["payment_method"] = methodId;
        intent["description"] = form.GetValueOrDefault("description");
        intent["metadata"] = Metadata(form);
        intent["client_secret"] = $"{intent["id"]}_secret_{Guid.NewGuid():N}";
        intent["off_session"] = form.GetValueOrDefault("off_session") == "true";
        intent["status"] = "requires_confirmation";
        intent["latest_charge"] = null;
        intent["last_payment_error"] = null;
        intent["next_action"] = null;
        if (form.GetValueOrDefault("confirm") != "true")
        {
            return Ok(intent);
        }

        var behaviour = Cards[cardOf[methodId]];
        var offSession = form.GetValueOrDefault("off_session") == "true";
        switch (behaviour)
        {
            case null:
                Succeed(intent);
                return Ok(intent);
            case "authentication_required" when !offSession:
                intent["status"] = "requires_action";
                intent["next_action"] = new JsonObject { ["type"] = "use_stripe_sdk", ["use_stripe_sdk"] = new JsonObject { ["type"] = "three_d_secure_redirect" } };
                return Ok(intent);
            default:
                var (code, decline) = behaviour switch
                {
                    "expired_card" or "processing_error" => (behaviour, (string?)null),
                    "authentication_required" => ("authentication_required", "authentication_required"),
                    _ => ("card_declined", behaviour),
                };
                var charge = NewCharge(intent, "failed");
                intent["latest_charge"] = (string)charge["id"]!;
                intent["status"] = "requires_payment_method";
                var message = code == "authentication_required" ? "Your card was declined. This transaction requires authentication." : "Your card was declined.";
                intent["last_payment_error"] = Error("card_error", code, decline, message);
                var error = Error("card_error", code, decline, message);
                error["payment_intent"] = intent.DeepClone();
                error["charge"] = (string)charge["id"]!;
                return (402, new JsonObject { ["error"] = error }.ToJsonString());
        }
    }

    private (int, string) ConfirmIntentFromBrowser(string id, Dictionary<string, string> form)
    {
        if (!objects.TryGetValue(id, out var intent) || form.GetValueOrDefault("client_secret") != (string?)intent["client_secret"])
        {
            return NotFound(id);
        }

        if ((string?)intent["status"] == "requires_action")
        {
            Succeed(intent); // the customer passed the bank's challenge in Stripe.js
        }

        return Ok(intent);
    }

    private void Succeed(JsonObject intent)
    {
        var charge = NewCharge(intent, "succeeded");
        intent["status"] = "succeeded";
        intent["next_action"] = null;
        intent["amount_received"] = (long)intent["amount"]!;
        intent["latest_charge"] = (string)charge["id"]!;
    }

    private JsonObject NewCharge(JsonObject intent, string status)
    {
        var charge = New("ch", "charge");
        charge["amount"] = (long)intent["amount"]!;
        charge["amount_refunded"] = 0L;
        charge["refunded"] = false;
        charge["currency"] = (string?)intent["currency"];
        charge["payment_intent"] = (string)intent["id"]!;
        charge["payment_method"] = (string?)intent["payment_method"];
        charge["status"] = status;
        charge["paid"] = status == "succeeded";
        return charge;
    }

    private (int, string) CreateRefund(Dictionary<string, string> form)
    {
        if (!objects.TryGetValue(form.GetValueOrDefault("payment_intent") ?? "", out var intent) || (string?)intent["status"] != "succeeded")
        {
            return (400, ErrorBody("invalid_request_error", "resource_missing", null, "No such payment_intent."));
        }

        var charge = objects[(string)intent["latest_charge"]!];
        var left = (long)charge["amount"]! - (long)charge["amount_refunded"]!;
        var amount = form.TryGetValue("amount", out var asked) ? long.Parse(asked, CultureInfo.InvariantCulture) : left;
        if (left == 0)
        {
            return (400, ErrorBody("invalid_request_error", "charge_already_refunded", null, "Charge has already been refunded."));
        }

        if (amount > left || amount <= 0)
        {
            return (400, ErrorBody("invalid_request_error", "amount_too_large", null, "Refund amount is greater than unrefunded amount on charge."));
        }

        var refund = New("re", "refund");
        refund["amount"] = amount;
        refund["currency"] = (string?)charge["currency"];
        refund["charge"] = (string)charge["id"]!;
        refund["payment_intent"] = (string)intent["id"]!;
        refund["status"] = "succeeded";
        refund["reason"] = form.GetValueOrDefault("reason");
        refund["metadata"] = Metadata(form);
        charge["amount_refunded"] = (long)charge["amount_refunded"]! + amount;
        charge["refunded"] = (long)charge["amount_refunded"]! == (long)charge["amount"]!;
        return Ok(refund);
    }

    private JsonObject Search(string type, Dictionary<string, string> form)
    {
        var match = Regex.Match(form.GetValueOrDefault("query") ?? "", @"^metadata\['([^']+)'\]:'((?:[^'\\]|\\.)*)'$");
        var found = !match.Success ? [] : objects.Values
            .Where(o => (string?)o["object"] == type && (string?)o["metadata"]?[match.Groups[1].Value] == match.Groups[2].Value.Replace("\\'", "'", StringComparison.Ordinal))
            .Select(o => o.DeepClone()).ToArray();
        return new JsonObject { ["object"] = "search_result", ["url"] = $"/v1/{type}s/search", ["has_more"] = false, ["next_page"] = null, ["data"] = new JsonArray(found) };
    }

    private JsonObject ListIntents(Dictionary<string, string> form, HashSet<string> expand)
    {
        long? Bound(string name) => form.TryGetValue($"created[{name}]", out var v) ? long.Parse(v, CultureInfo.InvariantCulture) : null;
        var (gte, lt) = (Bound("gte"), Bound("lt"));
        var limit = form.TryGetValue("limit", out var l) ? int.Parse(l, CultureInfo.InvariantCulture) : 10;
        var all = objects.Values.Where(o => (string?)o["object"] == "payment_intent")
            .Where(o => (gte is null || (long)o["created"]! >= gte) && (lt is null || (long)o["created"]! < lt))
            .OrderByDescending(o => (long)o["created"]!).ThenByDescending(o => (string)o["id"]!, StringComparer.Ordinal).ToList();
        if (form.TryGetValue("starting_after", out var after))
        {
            all = all.SkipWhile(o => (string)o["id"]! != after).Skip(1).ToList();
        }

        var page = all.Take(limit).Select(o => Expanded(o, expand.Select(e => e.Replace("data.", "", StringComparison.Ordinal)).ToHashSet())).ToArray();
        return new JsonObject { ["object"] = "list", ["url"] = "/v1/payment_intents", ["has_more"] = all.Count > limit, ["data"] = new JsonArray(page) };
    }

    private (int, string) Find(string id, string type, HashSet<string> expand) =>
        MagicMethods.TryGetValue(id, out var number) && type == "payment_method" ? Ok(NewMethod(number))
        : objects.TryGetValue(id, out var found) && (string?)found["object"] == type ? (200, Expanded(found, expand).ToJsonString())
        : NotFound(id);

    private JsonNode Expanded(JsonObject source, HashSet<string> expand)
    {
        var copy = (JsonObject)source.DeepClone();
        foreach (var field in expand)
        {
            if ((string?)copy[field] is { } id && objects.TryGetValue(id, out var inner))
            {
                copy[field] = inner.DeepClone();
            }
        }

        return copy;
    }

    private JsonObject New(string prefix, string type)
    {
        var id = $"{prefix}_{Interlocked.Increment(ref sequence):D6}{Guid.NewGuid():N}"[..(prefix.Length + 25)];
        var created = new JsonObject { ["id"] = id, ["object"] = type, ["created"] = Now().ToUnixTimeSeconds(), ["livemode"] = false };
        objects[id] = created;
        return created;
    }

    private static JsonObject Metadata(Dictionary<string, string> form)
    {
        var metadata = new JsonObject();
        foreach (var (key, value) in form.Where(p => p.Key.StartsWith("metadata[", StringComparison.Ordinal)))
        {
            metadata[key["metadata[".Length..^1]] = value;
        }

        return metadata;
    }

    private static JsonObject Error(string type, string? code, string? declineCode, string message) => new()
    {
        ["type"] = type,
        ["code"] = code,
        ["decline_code"] = declineCode,
        ["message"] = message,
        ["doc_url"] = code is null ? null : $"https://stripe.com/docs/error-codes/{code}",
    };

    private static string ErrorBody(string type, string? code, string? declineCode, string message) =>
        new JsonObject { ["error"] = Error(type, code, declineCode, message) }.ToJsonString();

    private static (int, string) Ok(JsonNode node) => (200, node.ToJsonString());

    private static (int, string) NotFound(string what) =>
        (404, ErrorBody("invalid_request_error", "resource_missing", null, $"No such object: '{what}'"));

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private sealed class Injection(string method, string path, int times, int? status, TimeSpan delay)
    {
        public string Method { get; } = method;

        public string Path { get; } = path;

        public int Remaining { get; set; } = times;

        public int? Status { get; } = status;

        public TimeSpan Delay { get; } = delay;
    }
}
