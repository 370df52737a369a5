using System.Text.Json;

namespace ApexAgent.Portal.Features.Billing.Webhooks;

/// <summary>Reads a PayPal webhook event (<c>{"id":"WH-…","event_type":…,"create_time":…,"resource":{…}}</c>).</summary>
public static class PayPalEventReader
{
    /// <summary>The event, or null when the JSON is not a PayPal event.</summary>
    public static WebhookEvent? Read(JsonElement root)
    {
        var id = root.Text("id");
        var type = root.Text("event_type");
        if (id is null || type is null || root.Get("resource") is not { ValueKind: JsonValueKind.Object } resource)
        {
            return null;
        }

        var action = type switch
        {
            "PAYMENT.CAPTURE.COMPLETED" => WebhookAction.PaymentSucceeded,
            "PAYMENT.CAPTURE.DENIED" or "PAYMENT.CAPTURE.DECLINED" => WebhookAction.PaymentFailed,
            "PAYMENT.CAPTURE.REFUNDED" or "PAYMENT.CAPTURE.REVERSED" => WebhookAction.Refunded,
            "CUSTOMER.DISPUTE.CREATED" => WebhookAction.DisputeOpened,
            "CUSTOMER.DISPUTE.RESOLVED" => WebhookAction.DisputeClosed,
            "VAULT.PAYMENT-TOKEN.DELETED" => WebhookAction.MethodRemoved,
            _ => WebhookAction.None,
        };
        var ev = new WebhookEvent("paypal", id, type, action, WebhookJson.Iso(root.Text("create_time"))) { ObjectId = resource.Text("id") };
        var (minor, currency) = resource.PayPalMoney("amount");
        switch (action)
        {
            case WebhookAction.PaymentSucceeded or WebhookAction.PaymentFailed:
                return ev.ObjectId is null ? null : ev with
                {
                    PaymentId = ev.ObjectId,
                    IdempotencyKey = resource.Text("custom_id"),
                    AmountMinor = minor,
                    CurrencyCode = currency,
                    FailureCode = action == WebhookAction.PaymentFailed ? "capture_denied" : null,
                    FailureMessage = action == WebhookAction.PaymentFailed ? "PayPal denied the payment." : null,
                    HardDecline = true,
                };
            case WebhookAction.Refunded:
                var capture = CaptureOf(resource);
                return ev.ObjectId is null || minor is null or <= 0 || capture is null ? null : ev with
                {
                    PaymentId = capture,
                    RefundId = ev.ObjectId,
                    RefundKey = resource.Text("custom_id") is { } key && key.StartsWith("credit_note:", StringComparison.Ordinal) ? key : null,
                    AmountMinor = minor,
                    CurrencyCode = currency,
                };
            case WebhookAction.DisputeOpened or WebhookAction.DisputeClosed:
                var dispute = resource.Text("dispute_id");
                var (disputed, disputedCurrency) = resource.PayPalMoney("dispute_amount");
                var transaction = resource.Get("disputed_transactions") is { ValueKind: JsonValueKind.Array } list && list.GetArrayLength() > 0
                    ? list[0].Text("seller_transaction_id") : null;
                return dispute is null || disputed is null or <= 0 || transaction is null ? null : ev with
                {
                    ObjectId = dispute,
                    DisputeId = dispute,
                    PaymentId = transaction,
                    AmountMinor = disputed,
                    CurrencyCode = disputedCurrency,
                    DisputeReason = resource.Text("reason")?.ToLowerInvariant() ?? "general",
                    DisputeRespondBy = WebhookJson.Iso(resource.Text("seller_response_due_date")),
                    DisputeResult = action != WebhookAction.DisputeClosed ? null : resource.Text("dispute_outcome", "outcome_code") switch
                    {
                        "RESOLVED_BUYER_FAVOUR" => DisputeStatus.Lost,
                        "RESOLVED_SELLER_FAVOUR" or "CANCELED_BY_BUYER" or "RESOLVED_WITH_PAYOUT" => DisputeStatus.Won,
                        _ => null,
                    },
                };
            case WebhookAction.MethodRemoved:
                return ev.ObjectId is null ? null : ev with { MethodToken = ev.ObjectId };
            default:
                return ev;
        }
    }

    /// <summary>The capture a refund belongs to: its <c>up</c> link ends in <c>/captures/{id}</c>.</summary>
    private static string? CaptureOf(JsonElement refund)
    {
        if (refund.Get("links") is not { ValueKind: JsonValueKind.Array } links)
        {
            return null;
        }

        foreach (var link in links.EnumerateArray())
        {
            if (link.Text("rel") == "up" && link.Text("href") is { } href && href.IndexOf("/captures/", StringComparison.Ordinal) is var at and >= 0)
            {
                var id = href[(at + "/captures/".Length)..].Trim('/');
                return id.Length is > 0 and <= 120 && !id.Contains('/') ? id : null;
            }
        }

        return null;
    }
}
