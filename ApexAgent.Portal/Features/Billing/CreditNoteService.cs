using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Billing.Payments;
using ApexAgent.Portal.Features.Notifications;
using ApexAgent.Portal.Features.Organizations;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Billing;

/// <summary>
/// Corrections by ApexAgent staff. A finalised invoice is never edited: a paid one is corrected by a credit note (series
/// CN) that either refunds the payment through the processor or credits the account balance; an open one is voided.
/// </summary>
public sealed class CreditNoteService(IDbContextFactory<PortalDbContext> dbFactory, PaymentProcessors processors, NotificationCenter notices, TimeProvider clock, ILogger<CreditNoteService> logger)
{
    public async Task<Result<InvoiceSummary>> IssueAsync(Actor actor, Guid invoiceId, long amountMinor, string? reason, bool refund, CancellationToken ct)
    {
        if (!actor.Can(Permission.BillingOperate))
        {
            return OrganizationService.Forbidden("issue credit notes");
        }

        if (actor.RefuseIfReadOnly() is { } readOnly)
        {
            return readOnly;
        }

        var now = clock.GetUtcNow();
        Guid paymentId;
        string? chargeId;
        string? processorName;
        Invoice note;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var invoice = await db.Invoices.FirstOrDefaultAsync(i => i.Id == invoiceId && i.Kind == InvoiceKind.Invoice && i.Number != null, ct);
            if (invoice is null)
            {
                return Error.NotFound("invoice", "invoice");
            }

            var errors = new FieldErrors()
                .Require(invoice.Status == InvoiceStatus.Paid, "invoiceId", $"Invoice {invoice.Number} is {invoice.Status.ToString().ToLowerInvariant()}: only a paid invoice is credited (void an open one instead).")
                .Require(amountMinor > 0 && amountMinor <= invoice.CreditableMinor, "amount", $"The amount must be more than zero and at most {new Money(invoice.CreditableMinor, invoice.Currency).Format()}.")
                .Require(!string.IsNullOrWhiteSpace(reason) && reason.Trim().Length <= 500, "reason", "Give a reason (up to 500 characters).");
            if (errors.Any)
            {
                return errors.ToError();
            }

            var amount = new Money(amountMinor, invoice.Currency);
            var charge = refund
                ? await db.Payments.Where(p => p.InvoiceId == invoice.Id && p.Kind == PaymentKind.Charge && p.Status == PaymentStatus.Succeeded).OrderByDescending(p => p.CreatedAt).FirstOrDefaultAsync(ct)
                : null;
            if (refund && (charge?.ProcessorPaymentId is null || processors.Find(charge.Processor) is null))
            {
                return new Error("nothing_to_refund", $"Invoice {invoice.Number} was not paid through the processor (it was paid from the account balance or by transfer): credit the balance instead.", ErrorKind.Conflict);
            }

            note = Invoice.CreditNoteFor(invoice, reason!.Trim(), now);
            note.AddLine(InvoiceLineKind.Credit, $"Credit for invoice {invoice.Number}: {reason.Trim()}", amount);
            db.Invoices.Add(note);
            var account = await BillingBooks.AccountAsync(db, invoice.OrganizationId, now, ct);
            await BillingBooks.FinaliseAsync(db, note, account, now, 0, ct);
            invoice.Credit(amount);
            if (!refund)
            {
                BillingBooks.MoveBalance(db, invoice.OrganizationId, amount, $"Credit note {note.Number}", note.Id, now);
                await notices.StageAsync(db, invoice.OrganizationId, new BillingNotice("billing.credit_note", $"credit_note:{note.Id:N}", $"Credit note {note.Number}",
                    $"{amount.Format()} was credited to your account balance for invoice {invoice.Number}: {reason.Trim()}", "/billing/invoices"), ct);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return InvoiceSummary.Of(note);
            }

            var payment = Payment.Refund(invoice.OrganizationId, note.Id, amount, charge!.Processor, $"credit_note:{note.Id:N}:refund", PaymentStatus.Pending, charge, now);
            db.Payments.Add(payment);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            (paymentId, chargeId, processorName) = (payment.Id, charge.ProcessorPaymentId, charge.Processor);
        }

        RefundOutcome outcome;
        try
        {
            outcome = await processors.For(processorName!).RefundAsync(new RefundRequest($"credit_note:{note.Id:N}:refund", chargeId!, note.Total, note.Reason!), ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // No answer: the processor may have refunded. The refund stays pending (nothing goes to the balance, so the
            // money can never go back twice) and is asked again with the same key by RetryPendingRefundsAsync.
            logger.LogWarning(e, "No answer from {Processor} for the refund of credit note {Note}; it stays pending", processorName, note.Number);
            return InvoiceSummary.Of(note);
        }

        await CompleteRefundAsync(paymentId, note, outcome, ct);
        return InvoiceSummary.Of(note);
    }

    /// <summary>
    /// Asks again, with the same idempotency key, for every refund still pending after <paramref name="olderThan"/> (its
    /// first request got no answer): the processor refunds once whatever the number of requests, and the answer completes
    /// the refund as if it had come at once. Returns how many were completed.
    /// </summary>
    public async Task<int> RetryPendingRefundsAsync(TimeSpan olderThan, CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow() - olderThan;
        List<(Guid PaymentId, Invoice Note, string Key, string Processor, string? ChargeId)> pending;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var rows = await (from p in db.Payments.AsNoTracking()
                              where p.Kind == PaymentKind.Refund && p.Status == PaymentStatus.Pending && p.CreatedAt <= cutoff
                              join n in db.Invoices.AsNoTracking() on p.InvoiceId equals n.Id
                              where n.Kind == InvoiceKind.CreditNote
                              orderby p.CreatedAt
                              select new { p.Id, Note = n, p.IdempotencyKey, p.Processor }).Take(200).ToListAsync(ct);
            pending = [];
            foreach (var row in rows)
            {
                var chargeId = await db.Payments.AsNoTracking()
                    .Where(c => c.InvoiceId == row.Note.CorrectsInvoiceId && c.Kind == PaymentKind.Charge && c.Status == PaymentStatus.Succeeded && c.Processor == row.Processor)
                    .OrderByDescending(c => c.CreatedAt).Select(c => c.ProcessorPaymentId).FirstOrDefaultAsync(ct);
                pending.Add((row.Id, row.Note, row.IdempotencyKey, row.Processor, chargeId));
            }
        }

        var completed = 0;
        foreach (var (paymentId, note, key, processor, chargeId) in pending)
        {
            if (chargeId is null || processors.Find(processor) is not { } holder)
            {
                continue;
            }

            try
            {
                var outcome = await holder.RefundAsync(new RefundRequest(key, chargeId, note.Total, note.Reason ?? "Refund"), ct);
                completed += await CompleteRefundAsync(paymentId, note, outcome, ct) ? 1 : 0;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning(e, "Still no answer from {Processor} for the refund of credit note {Note}", processor, note.Number);
            }
        }

        return completed;
    }

    /// <summary>Records the processor's answer on a pending refund; a refused one credits the account balance instead.</summary>
    private async Task<bool> CompleteRefundAsync(Guid paymentId, Invoice note, RefundOutcome outcome, CancellationToken ct)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var payment = await db.Payments.FirstAsync(p => p.Id == paymentId, ct);
            if (payment.Status != PaymentStatus.Pending)
            {
                return false; // completed already (another pass)
            }

            payment.Status = outcome.Succeeded ? PaymentStatus.Succeeded : PaymentStatus.Failed;
            payment.ProcessorPaymentId = outcome.ProcessorRefundId;
            payment.FailureMessage = outcome.FailureMessage;
            payment.CompletedAt = clock.GetUtcNow();
            if (!outcome.Succeeded)
            {
                // The credit stands: if the money cannot go back to the card, it goes to the account balance.
                BillingBooks.MoveBalance(db, note.OrganizationId, note.Total, $"Credit note {note.Number} (refund failed: {outcome.FailureMessage})", note.Id, clock.GetUtcNow());
            }

            await notices.StageAsync(db, note.OrganizationId, new BillingNotice("billing.credit_note", $"credit_note:{note.Id:N}", $"Credit note {note.Number}",
                outcome.Succeeded
                    ? $"{note.Total.Format()} was refunded to {payment.MethodDescription}: {note.Reason}"
                    : $"{note.Total.Format()} was credited to your account balance: {note.Reason}", "/billing/invoices"), ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        return true;
    }

    /// <summary>Voids an open invoice (it keeps its number; nothing more is collected for it).</summary>
    public async Task<Result<InvoiceSummary>> VoidAsync(Actor actor, Guid invoiceId, CancellationToken ct)
    {
        if (!actor.Can(Permission.BillingOperate))
        {
            return OrganizationService.Forbidden("void invoices");
        }

        if (actor.RefuseIfReadOnly() is { } readOnly)
        {
            return readOnly;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var invoice = await db.Invoices.FirstOrDefaultAsync(i => i.Id == invoiceId && i.Kind == InvoiceKind.Invoice && i.Number != null, ct);
        if (invoice is null)
        {
            return Error.NotFound("invoice", "invoice");
        }

        if (invoice.Status != InvoiceStatus.Open)
        {
            return new Error("invoice_not_open", $"Invoice {invoice.Number} is {invoice.Status.ToString().ToLowerInvariant()}: only an open invoice can be voided (credit a paid one).", ErrorKind.Conflict);
        }

        invoice.Void(clock.GetUtcNow());
        await BillingBooks.ReturnBalanceAsync(db, invoice, $"Returned from void invoice {invoice.Number}", ct);

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return InvoiceSummary.Of(invoice);
    }
}
