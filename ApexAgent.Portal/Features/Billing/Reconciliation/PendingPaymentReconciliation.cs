using ApexAgent.Domain.Billing;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Billing.Payments;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Billing.Reconciliation;

/// <summary>
/// Charges whose outcome we never heard (a timeout, an outage, a process that died after the processor call) stay
/// pending and are never charged again blindly. Every few minutes this asks the processor that holds each one, by its
/// idempotency key, what became of it (ADR 0020):
/// <list type="bullet">
/// <item>an outcome → settled through <see cref="BillingRun.SettleLaterAsync"/> (paid, dunning, past due);</item>
/// <item>not found after <see cref="CloseAfter"/> → closed as failed-not-charged, so the next attempt may charge;</item>
/// <item>the processor still down, or still working on it → asked again on the next pass.</item>
/// </list>
/// Checkout drafts left pending are reconciled by <see cref="BillingRun.ReconcileAbandonedCheckoutsAsync"/>.
/// </summary>
public sealed class PendingPaymentReconciliation(IDbContextFactory<PortalDbContext> dbFactory, InvoiceCharger charger, BillingRun billing, CreditNoteService creditNotes, TimeProvider clock)
{
    /// <summary>A pending charge younger than this may still be getting its answer in the request that made it.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(2);

    /// <summary>
    /// A charge the processor has not seen for this long never reached it: every processor call times out within
    /// minutes, so no request with its key can still arrive and charge.
    /// </summary>
    public static readonly TimeSpan CloseAfter = TimeSpan.FromHours(1);

    public async Task<PendingReconciliationSummary> RunAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow() - Grace;
        List<Guid> stuck;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            stuck = await (from p in db.Payments
                           where p.Kind == PaymentKind.Charge && p.Status == PaymentStatus.Pending && p.CreatedAt <= cutoff
                           join i in db.Invoices on p.InvoiceId equals i.Id
                           where i.Status == InvoiceStatus.Open
                           orderby p.CreatedAt
                           select p.Id).Take(1000).ToListAsync(ct);
        }

        var (settled, closed, waiting) = (0, 0, 0);
        foreach (var paymentId in stuck)
        {
            var lookup = await charger.LookUpPendingAsync(paymentId, CloseAfter, ct);
            switch (lookup)
            {
                case { Result: PendingLookupResult.Found, Outcome: { } outcome }:
                    settled += await billing.SettleLaterAsync(paymentId, outcome, ct) ? 1 : 0;
                    break;
                case { Result: PendingLookupResult.ClosedNotCharged }:
                    closed++;
                    break;
                case { Result: PendingLookupResult.StillPending or PendingLookupResult.ProcessorUnavailable }:
                    waiting++;
                    break;
            }
        }

        await creditNotes.RetryPendingRefundsAsync(Grace, ct); // refunds whose first request got no answer
        var checkouts = await billing.ReconcileAbandonedCheckoutsAsync(ct);
        return new PendingReconciliationSummary(settled, closed, waiting, checkouts);
    }
}
