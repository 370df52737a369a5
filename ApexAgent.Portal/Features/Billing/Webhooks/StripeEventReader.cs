using System.Text.Json;

namespace ApexAgent.Portal.Features.Billing.Webhooks;

/// <summary>Reads a Stripe event (<c>{"id":"evt_…","object":"event","type":…,"created":…,"data":{"object":{…}}}</c>).</summary>
public static class StripeEventReader
{
    /// <summary>Soft declines: retrying later may succeed. Every other decline is hard.</summary>
    private static readonly HashSet<string> Soft =
    [
        "insufficient_funds", "processing_error", "try_again_later", "issuer_not_available", "reenter_transaction",
        "approve_with_id", "card_velocity_exceeded", "withdrawal_count_limit_exceeded", "rate_limit", "authentication_required",
    ];

    /// <summary>The event, or null when the JSON is not a Stripe event.</summary>
    public static WebhookEvent? Read(JsonElement root)
    {
        var id = root.Text("id");
        var type = root.Text("type");
        if (id is null || type is null || root.Get("data", "object") is not { ValueKind: JsonValueKind.Object } data)
        {
            return null;
        }

        var created = root.Long("created") is { } seconds and > 0 and < 253402300799 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : (DateTimeOffset?)null;
        var objectId = data.Text("id");
        var action = type switch
        {
            "payment_intent.succeeded" => WebhookAction.PaymentSucceeded,
            "payment_intent.payment_failed" => WebhookAction.PaymentFailed,
            "charge.refunded" => WebhookAction.Refunded,
            "charge.dispute.created" => WebhookAction.DisputeOpened,
            "charge.dispute.closed" => WebhookAction.DisputeClosed,
            "payment_method.detached" => WebhookAction.MethodRemoved,
            "payment_method.automatically_updated" => WebhookAction.MethodUpdated,
            "customer.source.expiring" => WebhookAction.MethodExpiring,
            _ => WebhookAction.None,
        };
        var ev = new WebhookEvent("stripe", id, type, action, created) { ObjectId = objectId };
        return action switch
        {
            WebhookAction.PaymentSucceeded or WebhookAction.PaymentFailed => PaymentIntent(ev, data),
            WebhookAction.Refunded => Charge(ev, data),
            WebhookAction.DisputeOpened or WebhookAction.DisputeClosed => Dispute(ev, data),
            WebhookAction.MethodRemoved or WebhookAction.MethodUpdated => Method(ev, data, data.Get("card") ?? data),
            WebhookAction.MethodExpiring => Method(ev, data, data),
            _ => ev,
        };
    }

    private static WebhookEvent? PaymentIntent(WebhookEvent ev, JsonElement intent)
    {
        if (ev.ObjectId is null)
        {
            return null;
        }

        var code = intent.Text("last_payment_error", "decline_code") ?? intent.Text("last_payment_error", "code");
        return ev with
        {
            PaymentId = ev.ObjectId,
            AlternatePaymentId = intent.Text("latest_charge"),
            IdempotencyKey = Key(intent),
            AmountMinor = intent.Long("amount"),
            CurrencyCode = WebhookJson.UpperCurrency(intent.Text("currency")),
            FailureCode = ev.Action == WebhookAction.PaymentFailed ? code ?? "card_declined" : null,
            FailureMessage = ev.Action == WebhookAction.PaymentFailed ? intent.Text("last_payment_error", "message") ?? "The card was declined." : null,
            HardDecline = ev.Action == WebhookAction.PaymentFailed && !Soft.Contains(code ?? ""),
        };
    }

    private static WebhookEvent? Charge(WebhookEvent ev, JsonElement charge)
    {
        var refunded = charge.Long("amount_refunded");
        if (ev.ObjectId is null || refunded is null or < 0)
        {
            return null;
        }

        var newest = charge.Get("refunds", "data") is { ValueKind: JsonValueKind.Array } refunds && refunds.GetArrayLength() > 0 ? refunds[0] : (JsonElement?)null;
        return ev with
        {
            PaymentId = charge.Text("payment_intent"),
            AlternatePaymentId = ev.ObjectId,
            IdempotencyKey = Key(charge),
            TotalRefundedMinor = refunded,
            CurrencyCode = WebhookJson.UpperCurrency(charge.Text("currency")),
            RefundId = newest?.Text("id"),
            RefundKey = newest is { } r ? Key(r) : null,
        };
    }

    private static WebhookEvent? Dispute(WebhookEvent ev, JsonElement dispute)
    {
        var amount = dispute.Long("amount");
        if (ev.ObjectId is null || amount is null or <= 0)
        {
            return null;
        }

        return ev with
        {
            DisputeId = ev.ObjectId,
            PaymentId = dispute.Text("payment_intent"),
            AlternatePaymentId = dispute.Text("charge"),
            AmountMinor = amount,
            CurrencyCode = WebhookJson.UpperCurrency(dispute.Text("currency")),
            DisputeReason = dispute.Text("reason") ?? "general",
            DisputeRespondBy = dispute.Long("evidence_details", "due_by") is { } due and > 0 and < 253402300799 ? DateTimeOffset.FromUnixTimeSeconds(due) : null,
            DisputeResult = ev.Action != WebhookAction.DisputeClosed ? null : dispute.Text("status") switch
            {
                "lost" => DisputeStatus.Lost,
                "won" or "warning_closed" => DisputeStatus.Won,
                _ => null,
            },
        };
    }

    private static WebhookEvent? Method(WebhookEvent ev, JsonElement method, JsonElement card) =>
        ev.ObjectId is null ? null : ev with
        {
            MethodToken = ev.ObjectId,
            Brand = card.Text("brand"),
            Last4 = card.Text("last4"),
            ExpMonth = card.Int("exp_month") is { } m and >= 1 and <= 12 ? m : null,
            ExpYear = card.Int("exp_year") is { } y and >= 2000 ? y : null,
        };

    /// <summary>Our idempotency key, if the Stripe processor put it in the object's metadata.</summary>
    private static string? Key(JsonElement element) =>
        element.Text("metadata", "idempotency_key") ?? element.Text("metadata", "apexagent_idempotency_key") ?? element.Text("metadata", "payment_key");
}
