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
/// <item>the processor is asked;</item>
/// <item>the outcome and its consequences (the settlement) are saved in one transaction.</item>
/// </list>
/// </summary>
public sealed class InvoiceCharger(IDbContextFactory<PortalDbContext> dbFactory, IPaymentProcessor processor, ILogger<InvoiceCharger> logger, TimeProvider clock)
{
    public async Task<PaymentAttemptResult> ChargeAsync(Guid invoiceId, bool offSession, PaymentSettlement settle, CancellationToken ct)
    {
        var started = await BeginAsync(invoiceId, ct);
        if (started.Refusal is { } refusal)
        {
            return refusal;
        }

        var (payment, request) = (started.Payment!, started.Request!);
        ChargeOutcome outcome;
        try
        {
            outcome = await processor.ChargeAsync(request with { OffSession = offSession }, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "No answer from {Processor} for payment {Payment}; it stays pending and is reconciled later", processor.Name, payment.Id);
            return new PaymentAttemptResult(new ChargeOutcome(ChargeStatus.Unknown, null, "processor_unavailable", "The payment processor did not answer. We will check the payment's outcome shortly; you will not be charged twice."));
        }

        await SettleAsync(invoiceId, payment.Id, outcome, settle, ct);
        return new PaymentAttemptResult(outcome);
    }

    private async Task<(PaymentAttemptResult? Refusal, Payment? Payment, ChargeRequest? Request)> BeginAsync(Guid invoiceId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var invoice = await db.Invoices.Include(i => i.Lines).FirstAsync(i => i.Id == invoiceId, ct);
        var owed = invoice.TotalMinor - invoice.AmountPaidMinor;
        if (invoice.Status is not (InvoiceStatus.Draft or InvoiceStatus.Open) || owed <= 0)
        {
            return (new PaymentAttemptResult(null, "nothing_to_charge", "This invoice has nothing left to pay."), null, null);
        }

        var account = await BillingBooks.AccountAsync(db, invoice.OrganizationId, now, ct);
        var payment = await db.Payments.FirstOrDefaultAsync(p => p.InvoiceId == invoiceId && p.Kind == PaymentKind.Charge && p.Status == PaymentStatus.Pending, ct);
        var method = payment?.PaymentMethodId is { } used
            ? await db.PaymentMethods.FirstOrDefaultAsync(m => m.Id == used, ct)
            : account.DefaultPaymentMethodId is { } preferred ? await db.PaymentMethods.FirstOrDefaultAsync(m => m.Id == preferred, ct) : null;
        if (method is null)
        {
            return (new PaymentAttemptResult(null, "payment_method_required", "Add a payment method first."), null, null);
        }

        if (payment is null && invoice.Status == InvoiceStatus.Open && !(invoice.NextAttemptAt <= now))
        {
            // Another run's attempt settled (and scheduled the next one) since this invoice was listed as due.
            return (new PaymentAttemptResult(null, "attempt_not_due", "The next payment attempt for this invoice is not due yet."), null, null);
        }

        if (payment is null)
        {
            var attempt = await db.Payments.CountAsync(p => p.InvoiceId == invoiceId && p.Kind == PaymentKind.Charge, ct) + 1;
            account.ProcessorCustomerId ??= await processor.EnsureCustomerAsync(new ProcessorCustomer(account.OrganizationId, account.BillingName, account.BillingEmail), ct);
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
                Processor = processor.Name,
                IdempotencyKey = $"invoice:{invoice.Id:N}:attempt:{attempt}",
                CreatedAt = now,
            };
            db.Payments.Add(payment);
            try
            {
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another run recorded this attempt first: it owns the charge.
                return (new PaymentAttemptResult(null, "payment_in_progress", "A payment for this invoice is already being made."), null, null);
            }
        }

        var description = invoice.Number is { } number ? $"Invoice {number}" : invoice.Memo ?? "ApexAgent subscription";
        return (null, payment, new ChargeRequest(payment.IdempotencyKey, account.ProcessorCustomerId ?? "", method.ProcessorToken, payment.Amount, description, OffSession: true));
    }

    private async Task SettleAsync(Guid invoiceId, Guid paymentId, ChargeOutcome outcome, PaymentSettlement settle, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var payment = await db.Payments.FirstAsync(p => p.Id == paymentId, ct);
        if (payment.Status != PaymentStatus.Pending)
        {
            return; // settled already (a concurrent reconciliation)
        }

        payment.ProcessorPaymentId = outcome.ProcessorPaymentId;
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
        var invoice = await db.Invoices.Include(i => i.Lines).FirstAsync(i => i.Id == invoiceId, ct);
        await settle(db, invoice, payment, outcome, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
