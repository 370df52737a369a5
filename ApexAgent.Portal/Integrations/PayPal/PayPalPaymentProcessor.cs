using System.Net;
using System.Text.Json;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Api;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Billing.Payments;
using Microsoft.EntityFrameworkCore;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace ApexAgent.Portal.Integrations.PayPal;

/// <summary>
/// PayPal as a payment processor (<c>paypal</c>): saved PayPal accounts are vault v3 payment tokens, charged off-session
/// with Orders v2 (intent CAPTURE, <c>payment_source.paypal.vault_id</c>), each order created with
/// <c>PayPal-Request-Id</c> = the charge's idempotency key, so a resent request never charges twice. Every order is
/// recorded (<see cref="PayPalCharge"/>) before PayPal is asked; see ADR 0018 for how a lost answer is reconciled.
/// </summary>
public sealed class PayPalPaymentProcessor(PayPalClient client, IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock, ILogger<PayPalPaymentProcessor> logger) : IPaymentProcessor
{
    public const string ProcessorName = "paypal";

    public string Name => ProcessorName;

    /// <summary>PayPal keeps its own customer ids for vaulted accounts; ours is derived from the organisation.</summary>
    public Task<string> EnsureCustomerAsync(ProcessorCustomer customer, CancellationToken ct) =>
        Task.FromResult($"apex_{customer.OrganizationId:N}");

    /// <summary>Starts saving a PayPal account: a setup token the buyer approves at PayPal's <c>approve</c> link.</summary>
    public async Task<Result<PayPalApproval>> CreateSetupTokenAsync(string customerId, string returnUrl, string cancelUrl, CancellationToken ct)
    {
        var body = new
        {
            payment_source = new
            {
                paypal = new
                {
                    usage_type = "MERCHANT",
                    customer_type = "CONSUMER",
                    experience_context = new { brand_name = "ApexAgent", shipping_preference = "NO_SHIPPING", return_url = returnUrl, cancel_url = cancelUrl },
                },
            },
        };
        var answer = await CallAsync(HttpMethod.Post, "v3/vault/setup-tokens", body, $"vault-setup:{Guid.NewGuid():N}", ct);
        if (answer is not { IsSuccess: true } response || response.Text("id") is not { } id || response.Link("approve") is not { } approve)
        {
            return Unavailable("connect PayPal");
        }

        return new PayPalApproval(id, approve);
    }

    /// <summary><paramref name="token"/> is the setup token the buyer approved; the vault's payment token becomes the method.</summary>
    public async Task<Result<SavedPaymentMethod>> SavePaymentMethodAsync(string customerId, string token, CancellationToken ct)
    {
        var body = new { payment_source = new { token = new { id = token, type = "SETUP_TOKEN" } } };
        var answer = await CallAsync(HttpMethod.Post, "v3/vault/payment-tokens", body, $"vault-token:{token}", ct);
        if (answer is null || answer.IsTransient)
        {
            return Unavailable("save your PayPal account");
        }

        if (!answer.IsSuccess || answer.Text("id") is not { } id)
        {
            return new Error("payment_method_invalid", "PayPal did not confirm this account (the approval was not completed or has expired). Connect PayPal again.");
        }

        var email = answer.Body.TryGetProperty("payment_source", out var source) && source.TryGetProperty("paypal", out var paypal)
            ? PayPalResponse.Text(paypal, "email_address") : null;
        return new SavedPaymentMethod(id, "paypal", "PayPal", Label(email), 12, 9998);
    }

    public async Task DetachPaymentMethodAsync(string customerId, string methodToken, CancellationToken ct)
    {
        var answer = await CallAsync(HttpMethod.Delete, $"v3/vault/payment-tokens/{Uri.EscapeDataString(methodToken)}", null, null, ct);
        if (answer is not { IsSuccess: true } && answer?.Status != HttpStatusCode.NotFound)
        {
            logger.LogWarning("The PayPal vault token of a removed payment method could not be deleted; it stays unused at PayPal");
        }
    }

    public async Task<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken ct)
    {
        var seenBefore = !await RecordAsync(request, ct);
        return await CreateOrderAsync(request.IdempotencyKey, request.MethodToken, request.Amount, request.Description, request.OffSession, seenBefore, ct);
    }

    public async Task<ChargeOutcome?> FindChargeAsync(string idempotencyKey, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var charge = await db.PayPalCharges.AsNoTracking().FirstOrDefaultAsync(c => c.IdempotencyKey == idempotencyKey, ct);
        if (charge is null)
        {
            return null; // never sent: PayPal cannot have charged it
        }

        if (charge.Status is ChargeStatus.Succeeded or ChargeStatus.Declined or ChargeStatus.Failed)
        {
            return Outcome(charge);
        }

        if (charge.OrderId is { } orderId)
        {
            var order = await CallAsync(HttpMethod.Get, $"v2/checkout/orders/{Uri.EscapeDataString(orderId)}", null, null, ct);
            return order is { IsSuccess: true } ? await SaveAsync(idempotencyKey, OrderOutcome(order, offSession: true), order, ct) : Unanswered;
        }

        if (charge.Kind != "vault" || charge.VaultId is null)
        {
            return charge.Status == ChargeStatus.Unknown ? null : Outcome(charge);
        }

        // The create's answer was lost: PayPal answers a resent create with the same PayPal-Request-Id with the order it made.
        return await CreateOrderAsync(idempotencyKey, charge.VaultId, new Money(charge.AmountMinor, Currency.FromCode(charge.CurrencyCode)), charge.Description, true, true, ct);
    }

    public async Task<RefundOutcome> RefundAsync(RefundRequest request, CancellationToken ct)
    {
        var body = new
        {
            amount = new { value = ApiMoney.Decimal(request.Amount), currency_code = request.Amount.Currency.Code },
            note_to_payer = request.Reason.Length > 255 ? request.Reason[..255] : request.Reason,
            custom_id = request.IdempotencyKey, // the refund webhook recognises our own refund by it
        };
        var answer = await CallAsync(HttpMethod.Post, $"v2/payments/captures/{Uri.EscapeDataString(request.ProcessorPaymentId)}/refund", body, request.IdempotencyKey, ct);
        if (answer is null || answer.IsTransient)
        {
            // PayPal may have refunded: an unknown outcome, never "refused" (which would also credit the balance).
            throw new HttpRequestException("PayPal did not answer the refund; it stays pending and is never made twice (same PayPal-Request-Id).");
        }

        if (!answer.IsSuccess || answer.Text("status") is not ("COMPLETED" or "PENDING"))
        {
            return new RefundOutcome(false, answer.Text("id"), answer.Issue switch
            {
                "REFUND_AMOUNT_EXCEEDED" or "REFUND_EXCEEDED_TRANSACTION_AMOUNT" => "The refund is larger than what is left of the PayPal payment.",
                "CAPTURE_FULLY_REFUNDED" => "This PayPal payment was already refunded in full.",
                "REFUND_TIME_LIMIT_EXCEEDED" => "PayPal no longer accepts refunds of this payment (it is too old). Credit the customer's balance instead.",
                { } issue => $"PayPal refused the refund ({issue}).",
                null => "PayPal refused the refund.",
            });
        }

        // Recorded once per refund key (a repeated refund is PayPal's first answer, and is not counted twice).
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.PayPalCharges.FindAsync([request.IdempotencyKey], ct) is null)
        {
            var now = clock.GetUtcNow();
            db.PayPalCharges.Add(new PayPalCharge
            {
                IdempotencyKey = request.IdempotencyKey, Kind = "refund", OrderId = answer.Text("id"), CaptureId = request.ProcessorPaymentId,
                AmountMinor = request.Amount.Minor, CurrencyCode = request.Amount.Currency.Code, Description = Trim(request.Reason), Status = ChargeStatus.Succeeded,
                CreatedAt = now, UpdatedAt = now,
            });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // recorded by a concurrent repeat
            }
        }

        return new RefundOutcome(true, answer.Text("id"));
    }

    public async Task<IReadOnlyList<ProcessorChargeRecord>> ListChargesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.PayPalCharges.AsNoTracking().Where(c => c.CreatedAt >= from && c.CreatedAt < to && c.OrderId != null && c.Kind != "refund").ToListAsync(ct);
        var captureIds = rows.Select(c => c.CaptureId).OfType<string>().ToList();
        var refunds = await db.PayPalCharges.AsNoTracking().Where(c => c.Kind == "refund" && captureIds.Contains(c.CaptureId!))
            .GroupBy(c => c.CaptureId!).Select(g => new { g.Key, Sum = g.Sum(c => c.AmountMinor) }).ToDictionaryAsync(g => g.Key, g => g.Sum, ct);
        return rows.Select(c =>
        {
            var currency = Currency.FromCode(c.CurrencyCode);
            var refunded = c.CaptureId is { } id ? refunds.GetValueOrDefault(id) : 0;
            return new ProcessorChargeRecord(c.CaptureId ?? c.OrderId!, c.IdempotencyKey, new Money(c.AmountMinor, currency), c.Status, new Money(refunded, currency), c.CreatedAt);
        }).ToList();
    }

    /// <summary>Creates an order for a one-off purchase the buyer approves at PayPal (credit packs).</summary>
    public async Task<Result<PayPalApproval>> CreateCheckoutOrderAsync(string idempotencyKey, Money amount, string description, string returnUrl, string cancelUrl, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (await db.PayPalCharges.FindAsync([idempotencyKey], ct) is null)
            {
                db.PayPalCharges.Add(new PayPalCharge { IdempotencyKey = idempotencyKey, Kind = "checkout", AmountMinor = amount.Minor, CurrencyCode = amount.Currency.Code, Description = Trim(description), Status = ChargeStatus.Pending, CreatedAt = now, UpdatedAt = now });
                await db.SaveChangesAsync(ct);
            }
        }

        var body = new
        {
            intent = "CAPTURE",
            purchase_units = new[] { Unit(idempotencyKey, amount, description) },
            payment_source = new
            {
                paypal = new { experience_context = new { brand_name = "ApexAgent", shipping_preference = "NO_SHIPPING", user_action = "PAY_NOW", return_url = returnUrl, cancel_url = cancelUrl } },
            },
        };
        var answer = await CallAsync(HttpMethod.Post, "v2/checkout/orders", body, idempotencyKey, ct);
        if (answer is not { IsSuccess: true } response || response.Text("id") is not { } id || (response.Link("payer-action") ?? response.Link("approve")) is not { } approve)
        {
            return Unavailable("start the PayPal payment");
        }

        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await db.PayPalCharges.Where(c => c.IdempotencyKey == idempotencyKey).ExecuteUpdateAsync(s => s.SetProperty(c => c.OrderId, id).SetProperty(c => c.UpdatedAt, clock.GetUtcNow()), ct);
        }

        return new PayPalApproval(id, approve);
    }

    /// <summary>Captures an order the buyer approved (<c>POST /v2/checkout/orders/{id}/capture</c>, once per key).</summary>
    public async Task<ChargeOutcome> CaptureCheckoutOrderAsync(string idempotencyKey, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var charge = await db.PayPalCharges.AsNoTracking().FirstOrDefaultAsync(c => c.IdempotencyKey == idempotencyKey && c.Kind == "checkout", ct);
        if (charge?.OrderId is not { } orderId)
        {
            return new ChargeOutcome(ChargeStatus.Declined, null, "order_unknown", "This PayPal payment was not started here.");
        }

        if (charge.Status is ChargeStatus.Succeeded or ChargeStatus.Declined)
        {
            return Outcome(charge);
        }

        var answer = await CallAsync(HttpMethod.Post, $"v2/checkout/orders/{Uri.EscapeDataString(orderId)}/capture", new { }, $"{idempotencyKey}:capture", ct);
        if (answer is null || answer.IsTransient)
        {
            return Unanswered;
        }

        if (!answer.IsSuccess)
        {
            // ORDER_ALREADY_CAPTURED: a capture whose answer was lost; read the order to learn its outcome.
            if (answer.Issue == "ORDER_ALREADY_CAPTURED" && await CallAsync(HttpMethod.Get, $"v2/checkout/orders/{Uri.EscapeDataString(orderId)}", null, null, ct) is { IsSuccess: true } order)
            {
                return await SaveAsync(idempotencyKey, OrderOutcome(order, offSession: false), order, ct);
            }

            return await SaveAsync(idempotencyKey, ErrorOutcome(answer, offSession: false), null, ct);
        }

        return await SaveAsync(idempotencyKey, OrderOutcome(answer, offSession: false), answer, ct);
    }

    /// <summary>Records a buyer's cancelled approval: the order is never captured.</summary>
    public async Task CancelCheckoutOrderAsync(string idempotencyKey, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.PayPalCharges.Where(c => c.IdempotencyKey == idempotencyKey && c.Kind == "checkout" && (c.Status == ChargeStatus.Pending || c.Status == ChargeStatus.Unknown))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, ChargeStatus.Declined).SetProperty(c => c.FailureCode, "payer_cancelled").SetProperty(c => c.UpdatedAt, clock.GetUtcNow()), ct);
    }

    private async Task<ChargeOutcome> CreateOrderAsync(string key, string vaultId, Money amount, string description, bool offSession, bool seenBefore, CancellationToken ct)
    {
        var body = new
        {
            intent = "CAPTURE",
            purchase_units = new[] { Unit(key, amount, description) },
            payment_source = new { paypal = new { vault_id = vaultId, stored_credential = offSession ? new { payment_initiator = "MERCHANT", usage = "SUBSEQUENT", charge_pattern = "UNSCHEDULED" } : null } },
        };
        PayPalResponse? answer;
        try
        {
            answer = await client.SendAsync(HttpMethod.Post, "v2/checkout/orders", body, key, ct);
        }
        catch (BrokenCircuitException) when (!seenBefore)
        {
            // Nothing was sent: the charge certainly did not happen, and a later attempt may try again.
            return await SaveAsync(key, new ChargeOutcome(ChargeStatus.Failed, null, "processor_unavailable", "PayPal is not answering just now. We will try again."), null, ct);
        }
        catch (Exception e) when (IsNoAnswer(e, ct))
        {
            logger.LogWarning("No answer from PayPal for a charge ({Error}); its outcome will be reconciled", e.GetType().Name);
            return Unanswered;
        }

        if (answer.IsTransient)
        {
            return Unanswered;
        }

        return await SaveAsync(key, answer.IsSuccess ? OrderOutcome(answer, offSession) : ErrorOutcome(answer, offSession), answer.IsSuccess ? answer : null, ct);
    }

    private static object Unit(string key, Money amount, string description) => new
    {
        reference_id = "default",
        custom_id = key.Length > 127 ? key[..127] : key,
        description = Trim(description),
        amount = new { currency_code = amount.Currency.Code, value = ApiMoney.Decimal(amount) },
    };

    /// <summary>Reads an order: the first capture's status decides (COMPLETED, PENDING, DECLINED).</summary>
    internal static ChargeOutcome OrderOutcome(PayPalResponse order, bool offSession)
    {
        var capture = Capture(order.Body);
        if (capture is { } c)
        {
            var id = PayPalResponse.Text(c, "id");
            return PayPalResponse.Text(c, "status") switch
            {
                "COMPLETED" or "PARTIALLY_REFUNDED" or "REFUNDED" => new ChargeOutcome(ChargeStatus.Succeeded, id),
                "PENDING" => new ChargeOutcome(ChargeStatus.Pending, id),
                "DECLINED" => new ChargeOutcome(ChargeStatus.Declined, id, "instrument_declined", "PayPal declined the payment. Use another payment method."),
                _ => new ChargeOutcome(ChargeStatus.Failed, id, "capture_failed", "PayPal could not complete the payment. We will try again."),
            };
        }

        return order.Text("status") switch
        {
            "PAYER_ACTION_REQUIRED" => PayerAction(offSession),
            "VOIDED" => new ChargeOutcome(ChargeStatus.Declined, null, "order_voided", "PayPal voided the payment."),
            _ => new ChargeOutcome(ChargeStatus.Pending, null),
        };
    }

    /// <summary>A 4xx from PayPal: which side must act, and whether trying again can help.</summary>
    internal static ChargeOutcome ErrorOutcome(PayPalResponse error, bool offSession) => error.Issue switch
    {
        "INSTRUMENT_DECLINED" => new ChargeOutcome(ChargeStatus.Declined, null, "instrument_declined", "PayPal declined the payment with this account. Use another payment method."),
        "PAYER_ACTION_REQUIRED" => PayerAction(offSession),
        "PAYER_ACCOUNT_RESTRICTED" or "PAYER_ACCOUNT_LOCKED_OR_CLOSED" or "PAYER_CANNOT_PAY" => new ChargeOutcome(ChargeStatus.Declined, null, "paypal_account_unusable", "This PayPal account cannot pay just now. Use another payment method."),
        "TRANSACTION_REFUSED" or "COMPLIANCE_VIOLATION" or "PAYEE_BLOCKED_TRANSACTION" or "MAX_NUMBER_OF_PAYMENT_ATTEMPTS_EXCEEDED" => new ChargeOutcome(ChargeStatus.Declined, null, error.Issue!.ToLowerInvariant(), "PayPal refused the payment. Use another payment method."),
        "INVALID_RESOURCE_ID" or "RESOURCE_NOT_FOUND" or "INVALID_VAULT_ID" or "VAULT_ID_NOT_FOUND" => new ChargeOutcome(ChargeStatus.Declined, null, "payment_method_invalid", "The saved PayPal account is no longer available. Connect PayPal again or use another payment method."),
        _ when error.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new ChargeOutcome(ChargeStatus.Failed, null, "processor_unavailable", "PayPal refused our credentials. We will try again."),
        _ => new ChargeOutcome(ChargeStatus.Failed, null, (error.Issue ?? error.Name ?? "paypal_error").ToLowerInvariant(), "PayPal could not process the payment. We will try again."),
    };

    private static ChargeOutcome PayerAction(bool offSession) => new(offSession ? ChargeStatus.Failed : ChargeStatus.RequiresAction, null, "payer_action_required",
        "PayPal asks the account holder to confirm this payment. Pay the invoice from the billing page, or use another payment method.");

    private static JsonElement? Capture(JsonElement order)
    {
        if (order.ValueKind != JsonValueKind.Object || !order.TryGetProperty("purchase_units", out var units) || units.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var unit in units.EnumerateArray())
        {
            if (unit.TryGetProperty("payments", out var payments) && payments.TryGetProperty("captures", out var captures) && captures.ValueKind == JsonValueKind.Array && captures.GetArrayLength() > 0)
            {
                return captures[0];
            }
        }

        return null;
    }

    /// <summary>Records a charge before PayPal is asked; false when its key was recorded before (a resent attempt).</summary>
    private async Task<bool> RecordAsync(ChargeRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.PayPalCharges.AsNoTracking().AnyAsync(c => c.IdempotencyKey == request.IdempotencyKey, ct))
        {
            return false;
        }

        db.PayPalCharges.Add(new PayPalCharge
        {
            IdempotencyKey = request.IdempotencyKey,
            Kind = "vault",
            VaultId = request.MethodToken,
            AmountMinor = request.Amount.Minor,
            CurrencyCode = request.Amount.Currency.Code,
            Description = Trim(request.Description),
            Status = ChargeStatus.Unknown,
            CreatedAt = now,
            UpdatedAt = now,
        });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            return false; // recorded by a concurrent attempt with the same key
        }
    }

    private async Task<ChargeOutcome> SaveAsync(string key, ChargeOutcome outcome, PayPalResponse? order, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var charge = await db.PayPalCharges.FirstOrDefaultAsync(c => c.IdempotencyKey == key, ct);
        if (charge is null)
        {
            return outcome;
        }

        charge.Status = outcome.Status;
        charge.FailureCode = outcome.FailureCode;
        charge.CaptureId = outcome.ProcessorPaymentId ?? charge.CaptureId;
        charge.OrderId = order?.Text("id") ?? charge.OrderId;
        charge.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return outcome;
    }

    private static ChargeOutcome Outcome(PayPalCharge charge) => charge.Status switch
    {
        ChargeStatus.Succeeded => new ChargeOutcome(ChargeStatus.Succeeded, charge.CaptureId),
        ChargeStatus.Declined => new ChargeOutcome(ChargeStatus.Declined, charge.CaptureId, charge.FailureCode, "PayPal declined the payment. Use another payment method."),
        ChargeStatus.Failed => new ChargeOutcome(ChargeStatus.Failed, charge.CaptureId, charge.FailureCode, "PayPal could not process the payment. We will try again."),
        var status => new ChargeOutcome(status, charge.CaptureId),
    };

    /// <summary>Calls PayPal; null when no answer came (timeouts, connection failures, the breaker open).</summary>
    private async Task<PayPalResponse?> CallAsync(HttpMethod method, string path, object? body, string? requestId, CancellationToken ct)
    {
        try
        {
            return await client.SendAsync(method, path, body, requestId, ct);
        }
        catch (Exception e) when (IsNoAnswer(e, ct))
        {
            logger.LogWarning("No answer from PayPal for {Method} {Path} ({Error})", method, PayPalLoggedPath.Of(path), e.GetType().Name);
            return null;
        }
    }

    private static bool IsNoAnswer(Exception e, CancellationToken ct) =>
        e is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or TimeoutException or JsonException
        || (e is OperationCanceledException && !ct.IsCancellationRequested);

    private static readonly ChargeOutcome Unanswered = new(ChargeStatus.Unknown, null, "processor_unavailable",
        "PayPal did not answer. We will check the payment's outcome shortly; you will not be charged twice.");

    private static Error Unavailable(string what) =>
        new("processor_unavailable", $"PayPal is not answering just now, so we could not {what}. Try again in a few minutes.", ErrorKind.Conflict);

    private static string Trim(string description) => description.Length > 127 ? description[..127] : description;

    /// <summary>How people recognise the account without its address: its first four characters (e.g. "PayPal •••• jane").</summary>
    internal static string Label(string? email)
    {
        var local = email?.Split('@')[0] ?? "";
        return local.Length == 0 ? "acct" : local[..Math.Min(4, local.Length)];
    }
}
