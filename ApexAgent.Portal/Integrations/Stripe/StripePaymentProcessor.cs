using System.Net;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Billing.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stripe;
using PaymentMethodService = Stripe.PaymentMethodService;
using ChargeOutcome = ApexAgent.Portal.Features.Billing.Payments.ChargeOutcome;

namespace ApexAgent.Portal.Integrations.Stripe;

/// <summary>
/// Cards through Stripe (Stripe.net). One Stripe customer per organisation; cards saved by a SetupIntent that Stripe.js
/// confirmed in the browser; charges are PaymentIntents confirmed at once, off-session for renewals, each sent with the
/// charge's own idempotency key (Stripe answers a repeated key with the first result and charges once). A charge that
/// gets no answer, even after Stripe.net's retries, is left for reconciliation by that key, never repeated blindly.
/// </summary>
public sealed class StripePaymentProcessor(
    IStripeClient client,
    IOptions<StripeOptions> options,
    IDbContextFactory<PortalDbContext> dbFactory,
    ILogger<StripePaymentProcessor> logger) : IPaymentProcessor
{
    public const string ProcessorName = "stripe";

    private const int Concurrency = 4;

    private readonly CustomerService customers = new(client);
    private readonly SetupIntentService setupIntents = new(client);
    private readonly PaymentMethodService paymentMethods = new(client);
    private readonly PaymentIntentService paymentIntents = new(client);
    private readonly RefundService refunds = new(client);

    public string Name => ProcessorName;

    public async Task<string> EnsureCustomerAsync(ProcessorCustomer customer, CancellationToken ct)
    {
        var organization = customer.OrganizationId.ToString("N");
        var found = await customers.SearchAsync(new CustomerSearchOptions { Query = $"metadata['organization_id']:'{organization}'", Limit = 1 }, null, ct);
        if (found.Data.FirstOrDefault() is { } known)
        {
            return known.Id;
        }

        var created = await customers.CreateAsync(new CustomerCreateOptions
        {
            Name = customer.Name,
            Email = customer.Email,
            Metadata = new Dictionary<string, string> { ["organization_id"] = organization },
        }, new RequestOptions { IdempotencyKey = $"customer:{organization}" }, ct);
        return created.Id;
    }

    /// <summary>A SetupIntent for Stripe.js to confirm with the card the customer types into Stripe's own field.</summary>
    public async Task<SetupIntent> CreateSetupIntentAsync(string customerId, Guid attempt, CancellationToken ct) =>
        await setupIntents.CreateAsync(new SetupIntentCreateOptions
        {
            Customer = customerId,
            Usage = "off_session",
            AutomaticPaymentMethods = new SetupIntentAutomaticPaymentMethodsOptions { Enabled = true, AllowRedirects = "never" },
        }, new RequestOptions { IdempotencyKey = $"setup_intent:{attempt:N}" }, ct);

    /// <summary>The client secret of a PaymentIntent waiting for the customer (3-D Secure), for Stripe.js.</summary>
    public async Task<string?> ClientSecretAsync(string paymentIntentId, CancellationToken ct)
    {
        var intent = await paymentIntents.GetAsync(paymentIntentId, null, null, ct);
        return intent.Status is "requires_action" or "requires_confirmation" or "requires_payment_method" ? intent.ClientSecret : null;
    }

    public async Task<Result<SavedPaymentMethod>> SavePaymentMethodAsync(string customerId, string token, CancellationToken ct)
    {
        try
        {
            PaymentMethod method;
            if (token.StartsWith("seti_", StringComparison.Ordinal))
            {
                var setup = await setupIntents.GetAsync(token, new SetupIntentGetOptions { Expand = ["payment_method"] }, null, ct);
                if (setup.Status != "succeeded" || setup.PaymentMethod is null || (setup.CustomerId is { } owner && owner != customerId))
                {
                    return new Error("payment_method_invalid", setup.Status == "succeeded"
                        ? "This card was set up for another account. Add it again."
                        : "The card was not confirmed. Enter it again and finish any check your bank asks for.");
                }

                method = setup.PaymentMethod;
            }
            else if (token.StartsWith("pm_", StringComparison.Ordinal))
            {
                method = await paymentMethods.GetAsync(token, null, null, ct);
            }
            else
            {
                return new Error("payment_method_invalid", "This is not a Stripe payment method. Add the card through the card form.");
            }

            if (method.CustomerId is { } holder && holder != customerId)
            {
                return new Error("payment_method_invalid", "This card belongs to another account. Add it again.");
            }

            if (method.CustomerId is null)
            {
                method = await paymentMethods.AttachAsync(method.Id, new PaymentMethodAttachOptions { Customer = customerId }, new RequestOptions { IdempotencyKey = $"attach:{method.Id}:{customerId}" }, ct);
            }

            if (method.Type != "card" || method.Card is null)
            {
                return new Error("payment_method_invalid", "Only cards can be saved here.");
            }

            return new SavedPaymentMethod(method.Id, "card", Brand(method.Card.Brand), method.Card.Last4, (int)method.Card.ExpMonth, (int)method.Card.ExpYear);
        }
        catch (StripeException e) when (e.HttpStatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest or HttpStatusCode.PaymentRequired)
        {
            logger.LogInformation("Stripe refused a payment method ({Code})", e.StripeError?.Code);
            return new Error("payment_method_invalid", e.StripeError?.Type == "card_error" && e.StripeError.Message is { } message
                ? message
                : "Stripe does not know this card. Add it again through the card form.");
        }
    }

    public async Task DetachPaymentMethodAsync(string customerId, string methodToken, CancellationToken ct)
    {
        try
        {
            await paymentMethods.DetachAsync(methodToken, null, null, ct);
        }
        catch (StripeException e) when (e.HttpStatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
        {
            logger.LogInformation("The Stripe payment method was already detached ({Code})", e.StripeError?.Code);
        }
    }

    /// <summary>One charge; throws when Stripe gave no answer at all, so the attempt stays pending and is reconciled.</summary>
    public async Task<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken ct) => (await ChargeManyAsync([request], ct))[0];

    /// <summary>
    /// Several charges, a few at a time. A charge without an answer is <see cref="ChargeStatus.Unknown"/> (reconciled later
    /// by its key); when none got an answer Stripe is unreachable and the exception goes up, leaving every attempt pending.
    /// </summary>
    public async Task<IReadOnlyList<ChargeOutcome>> ChargeManyAsync(IReadOnlyList<ChargeRequest> requests, CancellationToken ct)
    {
        var outcomes = new ChargeOutcome?[requests.Count];
        var unanswered = new Exception?[requests.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, requests.Count), new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = ct }, async (i, token) =>
        {
            try
            {
                outcomes[i] = await ChargeOneAsync(requests[i], token);
            }
            catch (Exception e) when (e is HttpRequestException or TimeoutException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                logger.LogWarning("No answer from Stripe for the charge {Key}; it is reconciled by its idempotency key", requests[i].IdempotencyKey);
                unanswered[i] = e;
            }
        });
        if (unanswered.All(e => e is not null))
        {
            throw unanswered[0] is TimeoutException or HttpRequestException ? unanswered[0]! : new TimeoutException("Stripe did not answer.", unanswered[0]);
        }

        return outcomes.Select(o => o ?? StripeChargeOutcomes.Unknown(null)).ToList();
    }

    private async Task<ChargeOutcome> ChargeOneAsync(ChargeRequest request, CancellationToken ct)
    {
        var create = new PaymentIntentCreateOptions
        {
            Amount = request.Amount.Minor,
            Currency = request.Amount.Currency.Code.ToLowerInvariant(),
            Customer = request.CustomerId,
            PaymentMethod = request.MethodToken,
            AutomaticPaymentMethods = new PaymentIntentAutomaticPaymentMethodsOptions { Enabled = true, AllowRedirects = "never" },
            Confirm = true,
            Description = request.Description,
            Metadata = new Dictionary<string, string> { ["idempotency_key"] = request.IdempotencyKey },
        };
        if (request.OffSession)
        {
            create.OffSession = true;
        }

        var backoff = options.Value.RateLimitBackoff;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var intent = await paymentIntents.CreateAsync(create, new RequestOptions { IdempotencyKey = request.IdempotencyKey }, ct);
                return StripeChargeOutcomes.FromIntent(intent, request.OffSession);
            }
            catch (StripeException e) when (e.HttpStatusCode == HttpStatusCode.TooManyRequests && attempt < options.Value.RateLimitRetries)
            {
                // Rate limited before Stripe did anything: the same key again, a little later.
                await Task.Delay(backoff, ct);
                backoff *= 2;
            }
            catch (StripeException e)
            {
                var outcome = StripeChargeOutcomes.FromException(e, request.OffSession);
                logger.LogInformation("Stripe answered the charge {Key} with {Status} ({Code}, {DeclineCode})", request.IdempotencyKey, outcome.Status, e.StripeError?.Code, e.StripeError?.DeclineCode);
                return outcome;
            }
        }
    }

    /// <summary>
    /// The PaymentIntent made with <paramref name="idempotencyKey"/>: read by id when the portal recorded it (strongly
    /// consistent, right after 3-D Secure), else found by its metadata through Stripe's search (after a timeout).
    /// </summary>
    public async Task<ChargeOutcome?> FindChargeAsync(string idempotencyKey, CancellationToken ct)
    {
        string? known;
        bool offSession;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var payment = await db.Payments.AsNoTracking().Where(p => p.IdempotencyKey == idempotencyKey && p.Processor == ProcessorName)
                .Select(p => new { p.ProcessorPaymentId, p.Status }).FirstOrDefaultAsync(ct);
            known = payment?.ProcessorPaymentId is { } id && id.StartsWith("pi_", StringComparison.Ordinal) ? id : null;
            offSession = payment?.Status != Features.Billing.PaymentStatus.RequiresAction;
        }

        try
        {
            var intent = known is not null
                ? await paymentIntents.GetAsync(known, null, null, ct)
                : (await paymentIntents.SearchAsync(new PaymentIntentSearchOptions { Query = $"metadata['idempotency_key']:'{idempotencyKey.Replace("'", "\\'", StringComparison.Ordinal)}'", Limit = 1 }, null, ct)).Data.FirstOrDefault();
            return intent is null ? null : StripeChargeOutcomes.FromIntent(intent, offSession);
        }
        catch (StripeException e) when (e.HttpStatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<RefundOutcome> RefundAsync(RefundRequest request, CancellationToken ct)
    {
        try
        {
            var refund = await refunds.CreateAsync(new RefundCreateOptions
            {
                PaymentIntent = request.ProcessorPaymentId,
                Amount = request.Amount.Minor,
                Reason = "requested_by_customer",
                Metadata = new Dictionary<string, string> { ["idempotency_key"] = request.IdempotencyKey, ["reason"] = Truncate(request.Reason, 450) },
            }, new RequestOptions { IdempotencyKey = request.IdempotencyKey }, ct);
            return refund.Status is "succeeded" or "pending"
                ? new RefundOutcome(true, refund.Id)
                : new RefundOutcome(false, refund.Id, "Stripe could not refund the card.");
        }
        catch (StripeException e) when ((int)e.HttpStatusCode is >= 400 and < 500 && e.HttpStatusCode != HttpStatusCode.TooManyRequests && e.HttpStatusCode != HttpStatusCode.Conflict)
        {
            logger.LogWarning("Stripe refused the refund {Key} ({Code})", request.IdempotencyKey, e.StripeError?.Code);
            return new RefundOutcome(false, null, e.StripeError?.Code switch
            {
                "charge_already_refunded" => "The payment was already refunded in full.",
                "amount_too_large" => "The refund is larger than what is left of the payment.",
                _ => "Stripe could not refund this payment.",
            });
        }
    }

    public async Task<IReadOnlyList<ProcessorChargeRecord>> ListChargesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var list = new PaymentIntentListOptions
        {
            Created = new DateRangeOptions { GreaterThanOrEqual = from.UtcDateTime, LessThan = to.UtcDateTime },
            Limit = 100,
            Expand = ["data.latest_charge"],
        };
        var records = new List<ProcessorChargeRecord>();
        await foreach (var intent in paymentIntents.ListAutoPagingAsync(list, null, ct))
        {
            var currency = Currency.FromCode(intent.Currency.ToUpperInvariant());
            var refunded = intent.LatestCharge?.AmountRefunded ?? 0;
            records.Add(new ProcessorChargeRecord(intent.Id, intent.Metadata?.GetValueOrDefault("idempotency_key"), new Money(intent.Amount, currency),
                StripeChargeOutcomes.FromIntent(intent, offSession: false).Status, new Money(refunded, currency), new DateTimeOffset(intent.Created, TimeSpan.Zero)));
        }

        return records;
    }

    private static string Brand(string? brand) => brand switch
    {
        "visa" => "Visa",
        "mastercard" => "Mastercard",
        "amex" => "American Express",
        "discover" => "Discover",
        "diners" => "Diners Club",
        "jcb" => "JCB",
        "unionpay" => "UnionPay",
        "cartes_bancaires" => "Cartes Bancaires",
        null or "" or "unknown" => "Card",
        _ => char.ToUpperInvariant(brand[0]) + brand[1..],
    };

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
