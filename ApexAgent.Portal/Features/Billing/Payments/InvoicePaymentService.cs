using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Billing.Reconciliation;
using ApexAgent.Portal.Features.Organizations;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Billing.Payments;

/// <summary>
/// "Pay now" on an open invoice: the customer is present, so the default payment method is charged on-session and a
/// bank that wants the payment confirmed (3-D Secure) gets its chance — the customer is sent to
/// <c>/billing/authenticate/{payment}</c>, and <see cref="CheckoutAuthentication"/> settles the payment when they come back
/// (or a processor webhook says so). This is how a renewal the bank refused off-session (<c>authentication_required</c>)
/// gets paid. A failure is shown at once and leaves the dunning schedule as it was; an attempt already waiting for the
/// bank is offered again rather than charged twice.
/// </summary>
public sealed class InvoicePaymentService(IDbContextFactory<PortalDbContext> dbFactory, InvoiceCharger charger, OpenInvoiceSettlement settlement)
{
    public async Task<Result<PayNowResult>> PayNowAsync(Actor actor, Guid invoiceId, CancellationToken ct)
    {
        if (!actor.Can(Permission.BillingManage))
        {
            return OrganizationService.Forbidden("pay invoices");
        }

        if (actor.RefuseIfReadOnly() is { } readOnly)
        {
            return readOnly;
        }

        Invoice? invoice;
        List<Payment> open;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            invoice = await db.Invoices.AsNoTracking().FirstOrDefaultAsync(i => i.Id == invoiceId && i.OrganizationId == actor.OrganizationId && i.Kind == InvoiceKind.Invoice, ct);
            open = invoice is null ? [] : await db.Payments.AsNoTracking()
                .Where(p => p.InvoiceId == invoiceId && p.Kind == PaymentKind.Charge && (p.Status == PaymentStatus.Pending || p.Status == PaymentStatus.RequiresAction))
                .OrderByDescending(p => p.CreatedAt).ToListAsync(ct);
        }

        if (invoice is null || invoice.Status == InvoiceStatus.Draft)
        {
            return Error.NotFound("invoice", "invoice");
        }

        if (invoice.Status != InvoiceStatus.Open || invoice.AmountDue.Minor <= 0)
        {
            return new Error("invoice_not_open", $"Invoice {invoice.Number} is {invoice.Status.ToString().ToLowerInvariant()}: there is nothing to pay.", ErrorKind.Conflict);
        }

        if (open.FirstOrDefault(p => p.Status == PaymentStatus.RequiresAction) is { } waiting)
        {
            return new PayNowResult(PayNowStatus.NeedsAuthentication, waiting.Id, waiting.Amount, invoice.Number);
        }

        foreach (var pending in open)
        {
            // An attempt whose answer has not come yet (a run in progress, a lost answer) is asked about, never charged again.
            var lookup = await charger.LookUpPendingAsync(pending.Id, PendingPaymentReconciliation.CloseAfter, ct);
            if (lookup is { Result: PendingLookupResult.Found, Outcome: { } found })
            {
                await charger.SettleLaterAsync(invoiceId, pending.Id, found, settlement.AutomaticAsync, ct);
                if (found.Status == ChargeStatus.Succeeded)
                {
                    return new PayNowResult(PayNowStatus.Paid, pending.Id, pending.Amount, invoice.Number);
                }
            }
            else if (lookup.Result is PendingLookupResult.StillPending or PendingLookupResult.ProcessorUnavailable)
            {
                return PaymentPending;
            }
        }

        Guid? paymentId = null;
        var attempt = await charger.ChargeAsync(invoiceId, offSession: false, async (db, settled, payment, outcome, token) =>
        {
            paymentId = payment.Id;
            await settlement.CustomerPresentAsync(db, settled, payment, outcome, token);
        }, ct);
        return attempt switch
        {
            { Outcome.Status: ChargeStatus.Succeeded } => new PayNowResult(PayNowStatus.Paid, paymentId!.Value, invoice.AmountDue, invoice.Number),
            { Outcome.Status: ChargeStatus.RequiresAction } => new PayNowResult(PayNowStatus.NeedsAuthentication, paymentId!.Value, invoice.AmountDue, invoice.Number),
            { Outcome: { IsFailure: true } failed } => new Error(failed.FailureCode ?? "payment_failed",
                $"{failed.FailureMessage ?? "The payment did not go through."} Invoice {invoice.Number} is still open.", ErrorKind.PaymentRequired),
            { Outcome: not null } => PaymentPending,
            _ => new Error(attempt.RefusalCode!, attempt.RefusalMessage!, ErrorKind.Conflict),
        };
    }

    /// <summary>The oldest open invoice of the organisation whose automatic collection has failed at least once, if any.</summary>
    public async Task<UnpaidInvoice?> OldestUnpaidAsync(Guid organizationId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var invoice = await db.Invoices.AsNoTracking()
            .Where(i => i.OrganizationId == organizationId && i.Status == InvoiceStatus.Open && i.Kind == InvoiceKind.Invoice && i.AttemptCount > 0 && i.TotalMinor > i.AmountPaidMinor)
            .OrderBy(i => i.FinalizedAt).FirstOrDefaultAsync(ct);
        if (invoice is null)
        {
            return null;
        }

        var failed = await db.Payments.AsNoTracking().Where(p => p.InvoiceId == invoice.Id && p.Kind == PaymentKind.Charge && p.Status == PaymentStatus.Failed)
            .OrderByDescending(p => p.CreatedAt).Select(p => new { p.FailureCode, p.FailureMessage }).FirstOrDefaultAsync(ct);
        return new UnpaidInvoice(invoice.Id, invoice.Number!, invoice.AmountDue, failed?.FailureCode, failed?.FailureMessage, invoice.NextAttemptAt);
    }

    private static Error PaymentPending => new("payment_pending", "A payment for this invoice is being confirmed with the payment processor. Check again in a few minutes; you will not be charged twice.", ErrorKind.Conflict);
}
