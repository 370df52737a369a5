using ApexAgent.Domain.Billing;
using ApexAgent.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Billing.Payments;

/// <summary>
/// Charges what an invoice owes to the organisation's default payment method, exactly once per attempt:
/// <list type="number">
/// <item>a pending <see cref="Payment"/> with the attempt's idempotency key (<c>invoice:{id}:attempt:{n}</c>, unique in
/// the database) is committed before the processor is asked; a pending one left by a run that died is asked again
/// with its own key, which the processor deduplicates;</item>
/// <item>the processor is asked (for a batch, in one call);</item>
/// <item>the outcome and its consequences (the settlement) are saved in one transaction.</item>
/// </list>
/// </summary>
public sealed class InvoiceCharger(IDbContextFactory<PortalDbContext> dbFactory, PaymentProcessors processors, ILogger<InvoiceCharger> logger, TimeProvider clock)
{
    public async Task<PaymentAttemptResult> ChargeAsync(Guid invoiceId, bool offSession, PaymentSettlement settle, CancellationToken ct) =>
        (await ChargeManyAsync([invoiceId], offSession, settle, ct))[invoiceId];

    /// <summary>
    /// Charges several invoices with three transactions in all (begin, settle) around one batch of processor calls;
    /// each invoice keeps its own idempotency key, outcome and settlement.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, PaymentAttemptResult>> ChargeManyAsync(IReadOnlyList<Guid> invoiceIds, bool offSession, PaymentSettlement settle, CancellationToken ct)
    {
        var results = new Dictionary<Guid, PaymentAttemptResult>(invoiceIds.Count);
        var begun = await BeginAsync(invoiceIds, results, offSession, ct);
        if (begun.Count == 0)
        {
            return results;
        }

        var settled = new List<(Guid InvoiceId, Guid PaymentId, ChargeOutcome Outcome)>(begun.Count);
        foreach (var group in begun.GroupBy(b => b.Processor))
        {
            var batch = group.ToList();
            try
            {
                var outcomes = await processors.For(group.Key).ChargeManyAsync(batch.Select(b => b.Request with { OffSession = offSession }).ToList(), ct);
                settled.AddRange(batch.Select((b, i) => (b.InvoiceId, b.PaymentId, outcomes[i])));
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                // A timeout, an outage or any other failure to hear back: the processor may have charged or not. The
                // payments stay pending and are looked up (never charged again blindly) by PendingPaymentReconciliation.
                logger.LogWarning(e, "No answer from {Processor} for {Count} payments; they stay pending and are reconciled later", group.Key, batch.Count);
                var unknown = new ChargeOutcome(ChargeStatus.Unknown, null, "processor_unavailable", "The payment processor did not answer. We will check the payment's outcome shortly; you will not be charged twice.");
                batch.ForEach(b => results[b.InvoiceId] = new PaymentAttemptResult(unknown));
            }
        }

        if (settled.Count == 0)
        {
            return results;
        }

        await SettleAsync(settled, settle, ct);
        settled.ForEach(s => results[s.InvoiceId] = new PaymentAttemptResult(s.Outcome));
        return results;
    }

    /// <summary>
    /// Settles a pending payment whose outcome arrived later (a webhook, the reconciliation of a charge that timed out),
    /// exactly as if the processor had answered at once. A payment settled already is left as it is.
    /// </summary>
    public Task SettleLaterAsync(Guid invoiceId, Guid paymentId, ChargeOutcome outcome, PaymentSettlement settle, CancellationToken ct) =>
        SettleAsync([(invoiceId, paymentId, outcome)], settle, ct);

    /// <summary>
    /// Asks the processor that holds a pending charge of an open invoice what became of it (by its idempotency key),
    /// without charging: a final outcome is returned for the caller to settle; a charge the processor has never seen
    /// and that is older than <paramref name="closeAfter"/> is closed as failed-not-charged (so the next attempt, with
    /// a new key, may charge); anything else stays pending. See ADR 0020.
    /// </summary>
    public async Task<PendingLookup> LookUpPendingAsync(Guid paymentId, TimeSpan closeAfter, CancellationToken ct)
    {
        Payment? pending;
        await using (var read = await dbFactory.CreateDbContextAsync(ct))
        {
            pending = await read.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.Id == paymentId && p.Kind == PaymentKind.Charge && p.Status == PaymentStatus.Pending, ct);
        }

        if (pending is null)
        {
            return new PendingLookup(PendingLookupResult.NotPending, null);
        }

        ChargeOutcome? found;
        try
        {
            found = await processors.For(pending.Processor).FindChargeAsync(pending.IdempotencyKey, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "{Processor} did not answer about payment {Payment}; asking again later", pending.Processor, paymentId);
            return new PendingLookup(PendingLookupResult.ProcessorUnavailable, null);
        }

        if (found is { Status: ChargeStatus.Succeeded or ChargeStatus.Declined or ChargeStatus.Failed or ChargeStatus.RequiresAction })
        {
            return new PendingLookup(PendingLookupResult.Found, found);
        }

        if (found is not null || clock.GetUtcNow() - pending.CreatedAt < closeAfter)
        {
            return new PendingLookup(PendingLookupResult.StillPending, found);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var closed = await db.Payments.Where(p => p.Id == paymentId && p.Status == PaymentStatus.Pending)
            .ExecuteUpdateAsync(u => u
                .SetProperty(p => p.Status, PaymentStatus.Failed)
                .SetProperty(p => p.FailureCode, NotChargedCode)
                .SetProperty(p => p.FailureMessage, "The payment processor never received this attempt; nothing was charged.")
                .SetProperty(p => p.CompletedAt, clock.GetUtcNow()), ct);
        if (closed == 1)
        {
            logger.LogInformation("Payment {Payment} ({Key}) was never received by {Processor}; closed as not charged", paymentId, pending.IdempotencyKey, pending.Processor);
        }

        return new PendingLookup(closed == 1 ? PendingLookupResult.ClosedNotCharged : PendingLookupResult.NotPending, null);
    }

    /// <summary>The failure code of an attempt the processor never received (closed by the reconciliation, not a decline).</summary>
    public const string NotChargedCode = "not_charged";

    /// <summary>The refusal code when automatic collection will not charge a method the processor hard-declined.</summary>
    public const string MethodDeclinedCode = "payment_method_declined";

    private async Task<List<BegunPayment>> BeginAsync(IReadOnlyList<Guid> invoiceIds, Dictionary<Guid, PaymentAttemptResult> refusals, bool offSession, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var invoices = await db.Invoices.Where(i => invoiceIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var organizations = invoices.Values.Select(i => i.OrganizationId).Distinct().ToList();
        await db.BillingAccounts.Where(a => organizations.Contains(a.OrganizationId)).LoadAsync(ct);
        var charges = await db.Payments.Where(p => invoiceIds.Contains(p.InvoiceId) && p.Kind == PaymentKind.Charge).ToListAsync(ct);
        var methodIds = charges.Select(p => p.PaymentMethodId)
            .Concat(db.BillingAccounts.Local.Select(a => a.DefaultPaymentMethodId)).OfType<Guid>().Distinct().ToList();
        var methods = await db.PaymentMethods.Where(m => methodIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
        var begun = new List<BegunPayment>();
        var added = false;
        foreach (var invoiceId in invoiceIds.Distinct())
        {
            var invoice = invoices[invoiceId];
            var owed = invoice.TotalMinor - invoice.AmountPaidMinor;
            if (invoice.Status is not (InvoiceStatus.Draft or InvoiceStatus.Open) || owed <= 0)
            {
                refusals[invoiceId] = new PaymentAttemptResult(null, "nothing_to_charge", "This invoice has nothing left to pay.");
                continue;
            }

            var account = await BillingBooks.AccountAsync(db, invoice.OrganizationId, now, ct);
            var payment = charges.FirstOrDefault(p => p.InvoiceId == invoiceId && p.Status == PaymentStatus.Pending);
            var methodId = payment?.PaymentMethodId ?? account.DefaultPaymentMethodId;
            if (methodId is null || !methods.TryGetValue(methodId.Value, out var method))
            {
                refusals[invoiceId] = new PaymentAttemptResult(null, "payment_method_required", "Add a payment method first.");
                continue;
            }

            if (payment is null && offSession && invoice.Status == InvoiceStatus.Open && !(invoice.NextAttemptAt <= now))
            {
                // Another run's attempt settled (and scheduled the next one) since this invoice was listed as due. (A
                // customer paying while present is not held to the dunning schedule.)
                refusals[invoiceId] = new PaymentAttemptResult(null, "attempt_not_due", "The next payment attempt for this invoice is not due yet.");
                continue;
            }

            if (payment is null && offSession && method.DeclinedAt is not null)
            {
                // A hard decline will not turn into a payment by retrying the same card; only a new or re-confirmed method will.
                refusals[invoiceId] = new PaymentAttemptResult(null, MethodDeclinedCode, $"{method.Describe()} was declined ({method.DeclineCode}). Add another payment method or update this one.");
                continue;
            }

            if (payment is null)
            {
                var attempt = charges.Count(p => p.InvoiceId == invoiceId) + 1;
                payment = new Payment
                {
                    Id = Guid.CreateVersion7(now),
                    OrganizationId = invoice.OrganizationId,
                    InvoiceId = invoice.Id,
                    PaymentMethodId = method.Id,
                    MethodDescription = method.Describe(),
                    Kind = PaymentKind.Charge,
                    AmountMinor = owed,
                    CurrencyCode = invoice.CurrencyCode,
                    Status = PaymentStatus.Pending,
                    Processor = method.Processor,
                    IdempotencyKey = $"invoice:{invoice.Id:N}:attempt:{attempt}",
                    CreatedAt = now,
                };
                db.Payments.Add(payment);
                added = true;
            }

            var description = invoice.Number is { } number ? $"Invoice {number}" : invoice.Memo ?? "ApexAgent subscription";
            var processor = processors.For(payment.Processor);
            var customerId = await processors.CustomerIdAsync(account, processor, ct);
            begun.Add(new BegunPayment(invoiceId, payment.Id, processor.Name, new ChargeRequest(payment.IdempotencyKey, customerId, method.ProcessorToken, payment.Amount, description, OffSession: true)));
        }

        if (added)
        {
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException) when (invoiceIds.Count > 1)
            {
                // Another run recorded one of these attempts first: begin each on its own, so only that one is refused.
                await transaction.RollbackAsync(ct);
                var one = new List<BegunPayment>();
                foreach (var invoiceId in invoiceIds.Distinct())
                {
                    one.AddRange(await BeginAsync([invoiceId], refusals, offSession, ct));
                }

                return one;
            }
            catch (DbUpdateException)
            {
                refusals[invoiceIds[0]] = new PaymentAttemptResult(null, "payment_in_progress", "A payment for this invoice is already being made.");
                return [];
            }
        }

        await transaction.CommitAsync(ct);
        return begun;
    }

    private async Task SettleAsync(List<(Guid InvoiceId, Guid PaymentId, ChargeOutcome Outcome)> settled, PaymentSettlement settle, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var paymentIds = settled.Select(s => s.PaymentId).ToList();
        var invoiceIds = settled.Select(s => s.InvoiceId).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var payments = await db.Payments.Where(p => paymentIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var invoices = await db.Invoices.Where(i => invoiceIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var subscriptions = invoices.Values.Select(i => i.SubscriptionId).OfType<Guid>().Distinct().ToList();
        await db.Subscriptions.Where(s => subscriptions.Contains(s.Id)).LoadAsync(ct); // the settlement finds them tracked
        foreach (var (invoiceId, paymentId, outcome) in settled)
        {
            var payment = payments[paymentId];
            await SettleInAsync(db, invoices[invoiceId], payment, outcome, settle, now, ct, clearsDeclineOneByOne: false);
        }

        // A successful charge clears a method's hard-decline flag: one statement for the batch (rarely any row), rather
        // than loading every charged method.
        var paidWith = settled.Where(x => x.Outcome.Status == ChargeStatus.Succeeded).Select(x => payments[x.PaymentId].PaymentMethodId).OfType<Guid>().Distinct().ToList();
        if (paidWith.Count > 0)
        {
            await db.PaymentMethods.Where(m => paidWith.Contains(m.Id) && m.DeclinedAt != null)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.DeclinedAt, (DateTimeOffset?)null).SetProperty(m => m.DeclineCode, (string?)null), ct);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// Records <paramref name="outcome"/> on a pending payment and applies its settlement in the caller's transaction
    /// (a processor webhook records its delivery in the same one). A payment settled already is left as it is. A hard
    /// decline flags the method; a success clears its flag here unless the caller clears a whole batch at once.
    /// </summary>
    public static async Task<bool> SettleInAsync(PortalDbContext db, Invoice invoice, Payment payment, ChargeOutcome outcome, PaymentSettlement settle, DateTimeOffset now, CancellationToken ct, bool clearsDeclineOneByOne = true)
    {
        if (payment.Status != PaymentStatus.Pending)
        {
            return false; // settled already (a concurrent reconciliation)
        }

        payment.ProcessorPaymentId = outcome.ProcessorPaymentId ?? payment.ProcessorPaymentId;
        payment.Status = outcome.Status switch
        {
            ChargeStatus.Succeeded => PaymentStatus.Succeeded,
            ChargeStatus.Declined or ChargeStatus.Failed => PaymentStatus.Failed,
            ChargeStatus.RequiresAction => PaymentStatus.RequiresAction,
            _ => PaymentStatus.Pending,
        };
        payment.FailureCode = outcome.FailureCode;
        payment.FailureMessage = outcome.FailureMessage;
        payment.CompletedAt = payment.Status is PaymentStatus.Succeeded or PaymentStatus.Failed ? now : null;
        if ((outcome.Status == ChargeStatus.Declined || (outcome.Status == ChargeStatus.Succeeded && clearsDeclineOneByOne))
            && payment.PaymentMethodId is { } methodId && await db.PaymentMethods.FindAsync([methodId], ct) is { } method)
        {
            // A hard decline flags the method (shown on the payment methods page); a successful charge clears it.
            (method.DeclinedAt, method.DeclineCode) = outcome.Status == ChargeStatus.Declined ? (now, outcome.FailureCode ?? "card_declined") : ((DateTimeOffset?)null, (string?)null);
        }

        await settle(db, invoice, payment, outcome, ct);
        return true;
    }

    private sealed record BegunPayment(Guid InvoiceId, Guid PaymentId, string Processor, ChargeRequest Request);
}
