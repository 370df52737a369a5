using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Billing.Revenue;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Billing.Payments;
using ApexAgent.Portal.Features.Billing.Pricing;
using ApexAgent.Portal.Features.Catalog;
using ApexAgent.Portal.Features.Credits;
using ApexAgent.Portal.Features.Notifications;
using ApexAgent.Portal.Features.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ApexAgent.Portal.Features.Billing;

/// <summary>
/// Recurring billing. Every pass looks for what is due at the clock's now — it never relies on triggers it might have
/// missed — so a run after downtime catches up, and two runs at once or a run restarted half-way do each thing once:
/// <list type="bullet">
/// <item>renewals: a subscription whose period ended gets its next period's invoice (one per subscription and period,
/// a unique index), finalised and numbered, and moves to the next period; a scheduled downgrade or cancellation takes
/// effect instead;</item>
/// <item>collection: open invoices due for an attempt are charged (<see cref="InvoiceCharger"/>); failures follow the
/// dunning schedule, and after the last one the subscription is past due;</item>
/// <item>fallback: a subscription past due for long enough falls back to Free and its invoice is written off;</item>
/// <item>notices: renewal reminders a few days ahead.</item>
/// </list>
/// </summary>
public sealed class BillingRun(
    IDbContextFactory<PortalDbContext> dbFactory,
    TierCatalog catalog,
    InvoiceCharger charger,
    OpenInvoiceSettlement settlement,
    PaymentProcessors processors,
    CheckoutAuthentication authentications,
    NotificationCenter notices,
    AccountSnapshots snapshots,
    IOptions<BillingOptions> options,
    TimeProvider clock,
    BalanceAnnouncer credits,
    InvoicePricing pricing,
    ILogger<BillingRun> logger)
{
    private const int BatchSize = 500;

    public async Task<BillingRunSummary> RunAsync(CancellationToken ct)
    {
        var renewed = await RenewDueAsync(ct);
        var (paid, failed) = await CollectDueAsync(ct);
        var fellBack = await FallBackAsync(ct);
        await ReconcileAbandonedCheckoutsAsync(ct);
        await authentications.ExpireStaleAsync(ct);
        var reminded = await SendRenewalNoticesAsync(ct);
        return new BillingRunSummary(renewed, paid, failed, fellBack, reminded);
    }

    /// <summary>
    /// Renews every paid subscription whose period has ended, one period at a time, until none is due. Subscriptions
    /// are renewed in batches (one transaction each); a batch that collides with another run is redone one by one.
    /// </summary>
    public async Task<int> RenewDueAsync(CancellationToken ct)
    {
        var renewed = 0;
        while (true)
        {
            var now = clock.GetUtcNow();
            List<Guid> due;
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                due = await db.Subscriptions.AsNoTracking()
                    .Where(s => s.Status == SubscriptionStatus.Active && s.Tier != TierCode.Free && s.CurrentPeriodEnd <= now)
                    .OrderBy(s => s.CurrentPeriodEnd).Select(s => s.Id).Take(BatchSize).ToListAsync(ct);
            }

            var progress = due.Count == 0 ? 0 : await RenewBatchAsync(due, ct);
            renewed += progress;
            if (due.Count == 0 || progress == 0)
            {
                return renewed;
            }
        }
    }

    private async Task<int> RenewBatchAsync(IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var subscriptions = await db.Subscriptions.Where(s => ids.Contains(s.Id)).ToListAsync(ct);
            var organizations = subscriptions.Select(s => s.OrganizationId).ToList();
            await db.BillingAccounts.Where(a => organizations.Contains(a.OrganizationId)).LoadAsync(ct);
            var balances = await db.AccountBalanceEntries.Where(e => organizations.Contains(e.OrganizationId))
                .GroupBy(e => e.OrganizationId).Select(g => new { g.Key, Sum = g.Sum(e => e.AmountMinor) }).ToDictionaryAsync(b => b.Key, b => b.Sum, ct);
            var zones = await BillingDates.OfAsync(db, organizations, ct);
            var priced = await pricing.LoadAsync(db, organizations, now, ct);
            var renewed = new List<Guid>();
            var grants = new List<GrantRequest>();
            foreach (var subscription in subscriptions)
            {
                var zone = zones.GetValueOrDefault(subscription.OrganizationId, TimeZoneInfo.Utc);
                if (await RenewInAsync(db, subscription, now, balances.GetValueOrDefault(subscription.OrganizationId), zone, priced, grants, ct))
                {
                    renewed.Add(subscription.OrganizationId);
                }
            }

            await db.SaveChangesAsync(ct);
            await BulkGrants.InsertAsync(db, grants, now, ct); // the batch's base credits: two set-based statements
            await transaction.CommitAsync(ct);
            renewed.ForEach(snapshots.ForgetOrganization);
            await credits.AnnounceAsync(renewed, "renewal", ct);
            return renewed.Count;
        }
        catch (DbUpdateException e)
        {
            logger.LogInformation(e, "A renewal batch met another run; renewing its subscriptions one by one");
            var count = 0;
            foreach (var id in ids)
            {
                count += await RenewAsync(id, ct) ? 1 : 0;
            }

            return count;
        }
    }

    public async Task<bool> RenewAsync(Guid subscriptionId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var subscription = await db.Subscriptions.FirstAsync(s => s.Id == subscriptionId, ct);
        var zone = await BillingDates.OfAsync(db, subscription.OrganizationId, ct);
        var grants = new List<GrantRequest>();
        var priced = await pricing.LoadAsync(db, [subscription.OrganizationId], now, ct);
        if (!await RenewInAsync(db, subscription, now, balance: null, zone, priced, grants, ct))
        {
            return false;
        }

        try
        {
            await CreditBooks.GiveManyAsync(db, grants, now, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException e)
        {
            logger.LogInformation(e, "Subscription {Subscription} was renewed by another run", subscriptionId);
            return false;
        }

        snapshots.ForgetOrganization(subscription.OrganizationId);
        await credits.AnnounceAsync(subscription.OrganizationId, "renewal", ct);
        return true;
    }

    /// <summary>
    /// Renews one subscription within the caller's transaction (saved by the caller). <paramref name="balance"/> is the
    /// organisation's account balance when the caller read it already (minor units), else null; <paramref name="zone"/> its
    /// time zone, in which the notices and notes give their days; <paramref name="priced"/> the batch's pricing data (discounts, tax). The new period's base credits are added to <paramref name="grants"/>
    /// (given by the caller for the whole batch): granted at renewal whether or not the invoice is paid yet (see ADR 0013).
    /// </summary>
    private async Task<bool> RenewInAsync(PortalDbContext db, Subscription subscription, DateTimeOffset now, long? balance, TimeZoneInfo zone, PricingBatch priced, List<GrantRequest> grants, CancellationToken ct)
    {
        if (subscription.Status != SubscriptionStatus.Active || subscription.CurrentPeriodEnd > now || subscription.Tier == TierCode.Free)
        {
            return false; // another run got here first
        }

        var periodEnd = subscription.CurrentPeriodEnd;
        var before = SubscriptionTimeline.PositionOf(subscription, await catalog.VersionAsync(subscription.Tier, subscription.TierVersion, ct));
        if (subscription.CancelAtPeriodEnd || subscription.ScheduledTier == TierCode.Free)
        {
            await PlanMoves.EndToFreeAsync(db, catalog, subscription, periodEnd, "canceled", ct);
            SubscriptionTimeline.Record(db, subscription, SubscriptionChangeKind.Canceled, periodEnd, before, null, null, note: "Canceled at the end of the period");
            await notices.StageAsync(db, subscription.OrganizationId, new BillingNotice(
                "billing.canceled", $"canceled:{subscription.Id:N}", "Your subscription has ended",
                $"Your {before.Describe()} subscription ended on {BillingDates.Day(periodEnd, zone)}. You are now on the Free plan; you can subscribe again at any time."), ct);
            return true;
        }

        var kind = SubscriptionChangeKind.Renewed;
        if (subscription is { ScheduledTier: { } tierCode, ScheduledTierVersion: { } version, ScheduledCycle: { } cycle, ScheduledSeats: { } seats })
        {
            var target = await catalog.VersionAsync(tierCode, version, ct);
            var sameCycle = cycle == subscription.Cycle;
            subscription.ChangePlan(target, cycle, seats, periodEnd);
            if (sameCycle)
            {
                subscription.AdvancePeriod();
            }

            kind = target.Code != before.Tier.Code ? SubscriptionChangeKind.Downgraded : sameCycle ? SubscriptionChangeKind.SeatsChanged : SubscriptionChangeKind.CycleChanged;
        }
        else
        {
            subscription.AdvancePeriod();
        }

        var account = await BillingBooks.AccountAsync(db, subscription.OrganizationId, now, ct);
        var after = SubscriptionTimeline.PositionOf(subscription, await catalog.VersionAsync(subscription.Tier, subscription.TierVersion, ct));
        if (PlanCredits.BaseOf(subscription, after.Tier) is { } baseCredits)
        {
            grants.Add(baseCredits);
        }

        var invoice = Invoice.Draft(subscription.OrganizationId, subscription.Id, InvoicePurpose.Renewal, after.Tier.Currency, subscription.CurrentPeriod, subscription.CollectionMethod, now, $"Renewal of {after.Describe()}");
        InvoiceLines.AddPlan(invoice, after, subscription.CurrentPeriod);
        pricing.Apply(invoice, new PricingRequest(subscription.OrganizationId, InvoicePurpose.Renewal, after, subscription.Id), priced); // nothing entered, nothing to refuse
        if (balance is null or > 0)
        {
            await BillingBooks.ApplyBalanceAsync(db, invoice, now, ct);
        }

        db.Invoices.Add(invoice);
        await BillingBooks.FinaliseAsync(db, invoice, account, now, subscription.PaymentTermsDays, ct);
        SubscriptionTimeline.Record(db, subscription, kind, periodEnd, before, after, null, invoice.Total, invoice.Id,
            kind == SubscriptionChangeKind.Renewed ? $"Renewed until {BillingDates.Day(subscription.CurrentPeriodEnd, zone)}" : "Scheduled change took effect");
        if (subscription.CollectionMethod == CollectionMethod.SendInvoice && invoice.Status == InvoiceStatus.Open)
        {
            await notices.StageAsync(db, subscription.OrganizationId, new BillingNotice(
                "billing.invoice_issued", $"invoice_issued:{invoice.Id:N}", $"Invoice {invoice.Number} is ready",
                $"Invoice {invoice.Number} for {invoice.Total.Format()} is due on {BillingDates.Day(invoice.DueAt ?? now, zone)}.", "/billing/invoices"), ct);
        }

        return true;
    }

    /// <summary>Charges every open invoice whose next attempt is due (and re-asks about attempts a stopped run left pending), in batches.</summary>
    public async Task<(int Paid, int Failed)> CollectDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        List<Guid> due;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            due = await db.Invoices.AsNoTracking()
                .Where(i => i.Status == InvoiceStatus.Open && i.CollectionMethod == CollectionMethod.ChargeAutomatically && i.NextAttemptAt != null && i.NextAttemptAt <= now)
                .OrderBy(i => i.NextAttemptAt).Select(i => i.Id).ToListAsync(ct);
        }

        var (paid, failed) = (0, 0);
        foreach (var batch in due.Chunk(BatchSize))
        {
            var (chargeable, looked) = await ResolvePendingAsync(batch, ct);
            paid += looked.Count(r => r.Succeeded);
            failed += looked.Count(r => r.Outcome?.IsFailure == true);
            foreach (var (invoiceId, result) in await charger.ChargeManyAsync(chargeable, offSession: true, settlement.AutomaticAsync, ct))
            {
                var settled = await RecordRefusalAsync(invoiceId, result, ct);
                paid += settled.Succeeded ? 1 : 0;
                failed += settled.Outcome?.IsFailure == true ? 1 : 0;
            }
        }

        return (paid, failed);
    }

    public async Task<PaymentAttemptResult> CollectAsync(Guid invoiceId, CancellationToken ct)
    {
        var (chargeable, looked) = await ResolvePendingAsync([invoiceId], ct);
        if (chargeable.Count == 0)
        {
            return looked.FirstOrDefault() ?? new PaymentAttemptResult(null, "payment_pending", "A payment for this invoice is being confirmed with the payment processor.");
        }

        return await RecordRefusalAsync(invoiceId, await charger.ChargeAsync(invoiceId, offSession: true, settlement.AutomaticAsync, ct), ct);
    }

    /// <summary>
    /// An invoice whose last attempt is still pending (the processor's answer was lost, or it answers later) is not
    /// charged again: the processor is asked what became of that attempt (ADR 0020). A found outcome is settled; an
    /// attempt the processor never received is closed after <see cref="Reconciliation.PendingPaymentReconciliation.CloseAfter"/> and the
    /// invoice may be charged with a new attempt; otherwise it waits. An invoice whose payment waits for the customer to
    /// confirm it with their bank ("Pay now" with 3-D Secure) is not charged meanwhile either: <see cref="CheckoutAuthentication"/>
    /// settles that payment, or closes it after a day. Returns the invoices that may be charged now.
    /// </summary>
    private async Task<(List<Guid> Chargeable, List<PaymentAttemptResult> Settled)> ResolvePendingAsync(IReadOnlyList<Guid> invoiceIds, CancellationToken ct)
    {
        List<(Guid PaymentId, Guid InvoiceId, PaymentStatus Status)> pending;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            pending = (await db.Payments.AsNoTracking()
                .Where(p => invoiceIds.Contains(p.InvoiceId) && p.Kind == PaymentKind.Charge && (p.Status == PaymentStatus.Pending || p.Status == PaymentStatus.RequiresAction))
                .Select(p => new { p.Id, p.InvoiceId, p.Status }).ToListAsync(ct)).Select(p => (p.Id, p.InvoiceId, p.Status)).ToList();
        }

        var chargeable = invoiceIds.ToHashSet();
        var settled = new List<PaymentAttemptResult>();
        foreach (var (paymentId, invoiceId, status) in pending)
        {
            if (status == PaymentStatus.RequiresAction)
            {
                chargeable.Remove(invoiceId); // the customer is confirming a payment with their bank
                continue;
            }

            var lookup = await charger.LookUpPendingAsync(paymentId, Reconciliation.PendingPaymentReconciliation.CloseAfter, ct);
            if (lookup.Result == PendingLookupResult.ClosedNotCharged)
            {
                continue;
            }

            chargeable.Remove(invoiceId);
            if (lookup is { Result: PendingLookupResult.Found, Outcome: { } outcome })
            {
                await charger.SettleLaterAsync(invoiceId, paymentId, outcome, settlement.AutomaticAsync, ct);
                settled.Add(new PaymentAttemptResult(outcome));
            }
        }

        return (invoiceIds.Where(chargeable.Contains).ToList(), settled);
    }

    /// <summary>No method, or only a hard-declined one: the attempt counts as failed without charging, and dunning goes on.</summary>
    private async Task<PaymentAttemptResult> RecordRefusalAsync(Guid invoiceId, PaymentAttemptResult result, CancellationToken ct) => result.RefusalCode switch
    {
        "payment_method_required" => await RecordNoMethodAsync(invoiceId, new ChargeOutcome(ChargeStatus.Declined, null, "payment_method_required", "There is no payment method to charge."), "No payment method", ct),
        InvoiceCharger.MethodDeclinedCode => await RecordNoMethodAsync(invoiceId, new ChargeOutcome(ChargeStatus.Declined, null, InvoiceCharger.MethodDeclinedCode, "The card was declined before and was not charged again."), await DefaultMethodDescriptionAsync(invoiceId, ct), ct),
        _ => result,
    };

    private async Task<string> DefaultMethodDescriptionAsync(Guid invoiceId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var described = await (from i in db.Invoices
                                where i.Id == invoiceId
                                join a in db.BillingAccounts on i.OrganizationId equals a.OrganizationId
                                join m in db.PaymentMethods on a.DefaultPaymentMethodId equals m.Id
                                select new { m.Brand, m.Last4 }).FirstOrDefaultAsync(ct);
        return described is null ? "Your payment method" : $"{described.Brand} •••• {described.Last4}";
    }

    /// <summary>
    /// Settles a renewal's (or any open invoice's) pending payment with an outcome learnt later — a processor webhook or
    /// the reconciliation of a charge whose answer never came — through the same rules as an immediate answer (paid,
    /// dunning, past due). Returns false when the payment is not a pending charge of an open invoice (settled already, or
    /// a checkout draft, which <see cref="ReconcileAbandonedCheckoutsAsync"/> and <see cref="CheckoutAuthentication"/> own).
    /// </summary>
    public async Task<bool> SettleLaterAsync(Guid paymentId, ChargeOutcome outcome, CancellationToken ct)
    {
        Guid invoiceId;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var found = await (from p in db.Payments
                               where p.Id == paymentId && p.Kind == PaymentKind.Charge && p.Status == PaymentStatus.Pending
                               join i in db.Invoices on p.InvoiceId equals i.Id
                               where i.Status == InvoiceStatus.Open
                               select (Guid?)i.Id).FirstOrDefaultAsync(ct);
            if (found is null)
            {
                return false;
            }

            invoiceId = found.Value;
        }

        await charger.SettleLaterAsync(invoiceId, paymentId, outcome, settlement.AutomaticAsync, ct);
        return true;
    }

    /// <summary>
    /// <see cref="SettleLaterAsync"/> inside the caller's transaction (a processor webhook records its delivery with the
    /// effect): false when <paramref name="payment"/> is not a pending charge of an open invoice.
    /// </summary>
    public async Task<bool> SettleInAsync(PortalDbContext db, Payment payment, ChargeOutcome outcome, CancellationToken ct)
    {
        if (payment.Kind != PaymentKind.Charge || payment.Status != PaymentStatus.Pending)
        {
            return false;
        }

        var invoice = await db.Invoices.FirstOrDefaultAsync(i => i.Id == payment.InvoiceId && i.Status == InvoiceStatus.Open, ct);
        return invoice is not null && await InvoiceCharger.SettleInAsync(db, invoice, payment, outcome, settlement.AutomaticAsync, clock.GetUtcNow(), ct);
    }

    /// <summary>No method to charge counts as a failed attempt: the dunning schedule (and its notices) runs as for a decline.</summary>
    private async Task<PaymentAttemptResult> RecordNoMethodAsync(Guid invoiceId, ChargeOutcome outcome, string methodDescription, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var invoice = await db.Invoices.FirstAsync(i => i.Id == invoiceId, ct);
        var nothing = new Payment { InvoiceId = invoiceId, AmountMinor = invoice.AmountDue.Minor, CurrencyCode = invoice.CurrencyCode, MethodDescription = methodDescription };
        await settlement.AutomaticAsync(db, invoice, nothing, outcome, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new PaymentAttemptResult(outcome);
    }

    /// <summary>
    /// A checkout (subscribe or plan change) whose process stopped between charging the card and saving the outcome
    /// leaves a draft with a pending payment. After <see cref="AbandonedAfter"/> the processor is asked what became of
    /// the charge: money taken is refunded (the change was never applied, and the customer may since have chosen
    /// otherwise), and the draft is discarded with the account balance it had taken given back.
    /// </summary>
    public async Task<int> ReconcileAbandonedCheckoutsAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow() - AbandonedAfter;
        List<Guid> stuck;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            stuck = await (from p in db.Payments
                           where p.Kind == PaymentKind.Charge && p.Status == PaymentStatus.Pending && p.CreatedAt <= cutoff
                           join i in db.Invoices on p.InvoiceId equals i.Id
                           where i.Status == InvoiceStatus.Draft
                           select p.Id).ToListAsync(ct);
        }

        foreach (var paymentId in stuck)
        {
            await ReconcileCheckoutAsync(paymentId, ct);
        }

        return stuck.Count;
    }

    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(15);

    private async Task ReconcileCheckoutAsync(Guid paymentId, CancellationToken ct)
    {
        var (key, processorName) = await PaymentLookup.KeyOfAsync(dbFactory, paymentId, ct);
        var processor = processors.For(processorName);
        ChargeOutcome? charge;
        try
        {
            charge = await processor.FindChargeAsync(key, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "{Processor} did not answer about checkout payment {Payment}; asking again on the next pass", processorName, paymentId);
            return;
        }

        if (charge?.Status is ChargeStatus.Pending or ChargeStatus.Unknown)
        {
            return; // the processor has not decided yet (a capture under review, a processing intent): never close it as not charged
        }

        var refund = charge?.Status == ChargeStatus.Succeeded
            ? await processor.RefundAsync(new RefundRequest($"{key}:abandoned", charge.ProcessorPaymentId!, await AmountOfAsync(paymentId, ct), "Checkout did not complete"), ct)
            : null;
        var now = clock.GetUtcNow();
        await using var write = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await write.Database.BeginTransactionAsync(ct);
        var payment = await write.Payments.FirstAsync(p => p.Id == paymentId, ct);
        var invoice = await write.Invoices.Include(i => i.Lines).FirstAsync(i => i.Id == payment.InvoiceId, ct);
        if (payment.Status != PaymentStatus.Pending || invoice.Status != InvoiceStatus.Draft)
        {
            return;
        }

        payment.Status = charge?.Status == ChargeStatus.Succeeded ? PaymentStatus.Succeeded : PaymentStatus.Failed;
        payment.ProcessorPaymentId = charge?.ProcessorPaymentId;
        payment.FailureCode = charge?.Status == ChargeStatus.Succeeded ? null : charge?.FailureCode ?? "checkout_abandoned";
        payment.FailureMessage = charge?.Status == ChargeStatus.Succeeded ? null : charge?.FailureMessage ?? "The checkout did not complete; nothing was charged.";
        payment.CompletedAt = now;
        if (refund is not null)
        {
            var refunded = Payment.Refund(payment.OrganizationId, invoice.Id, payment.Amount, payment.Processor, $"{key}:abandoned",
                refund.Succeeded ? PaymentStatus.Succeeded : PaymentStatus.Failed, payment, now);
            (refunded.ProcessorPaymentId, refunded.FailureMessage) = (refund.ProcessorRefundId, refund.FailureMessage);
            write.Payments.Add(refunded);
            if (!refund.Succeeded)
            {
                BillingBooks.MoveBalance(write, invoice.OrganizationId, payment.Amount, "Checkout did not complete (refund failed)", invoice.Id, now);
            }

            await notices.StageAsync(write, invoice.OrganizationId, new BillingNotice(
                "billing.checkout_refunded", $"checkout_refunded:{payment.Id:N}", "A payment was returned",
                $"{payment.Amount.Format()} charged to {payment.MethodDescription} for \"{invoice.Memo}\" was {(refund.Succeeded ? "refunded" : "credited to your account balance")}: the change did not complete, so your plan is unchanged."), ct);
        }

        invoice.Discard(now);
        await BillingBooks.ReturnBalanceAsync(write, invoice, "Returned: the checkout did not complete", ct);
        await write.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private async Task<Money> AmountOfAsync(Guid paymentId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var payment = await db.Payments.AsNoTracking().FirstAsync(p => p.Id == paymentId, ct);
        return payment.Amount;
    }

    /// <summary>Ends subscriptions past due for longer than the grace period: they fall back to Free, their open invoices are written off.</summary>
    public async Task<int> FallBackAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var cutoff = now.AddDays(-options.Value.PastDueDays);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var due = await db.Subscriptions.AsNoTracking().Where(s => s.Status == SubscriptionStatus.PastDue && s.PastDueSince <= cutoff).Select(s => s.Id).ToListAsync(ct);
        var count = 0;
        foreach (var id in due)
        {
            await using var one = await dbFactory.CreateDbContextAsync(ct);
            await using var transaction = await one.Database.BeginTransactionAsync(ct);
            var subscription = await one.Subscriptions.FirstAsync(s => s.Id == id, ct);
            if (subscription.Status != SubscriptionStatus.PastDue)
            {
                continue;
            }

            var before = SubscriptionTimeline.PositionOf(subscription, await catalog.VersionAsync(subscription.Tier, subscription.TierVersion, ct));
            foreach (var invoice in await one.Invoices.Where(i => i.SubscriptionId == id && i.Status == InvoiceStatus.Open).ToListAsync(ct))
            {
                invoice.MarkUncollectible(now);
            }

            await PlanMoves.EndToFreeAsync(one, catalog, subscription, now, "nonpayment", ct);
            SubscriptionTimeline.Record(one, subscription, SubscriptionChangeKind.FellBackToFree, now, before, null, null, note: "Unpaid after every retry");
            await notices.StageAsync(one, subscription.OrganizationId, new BillingNotice(
                "billing.fell_back_to_free", $"fell_back:{subscription.Id:N}", "Your organisation is now on the Free plan",
                $"We could not collect payment for {before.Describe()}, so your organisation moved to the Free plan. Subscribe again at any time."), ct);
            await one.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            snapshots.ForgetOrganization(subscription.OrganizationId);
            await credits.AnnounceAsync(subscription.OrganizationId, "fell_back_to_free", ct);
            count++;
        }

        return count;
    }

    /// <summary>Reminds billing contacts a few days before each paid renewal (once per subscription and period).</summary>
    public async Task<int> SendRenewalNoticesAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var horizon = now.AddDays(options.Value.RenewalNoticeDays);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var upcoming = await db.Subscriptions.AsNoTracking()
            .Where(s => s.Status == SubscriptionStatus.Active && s.Tier != TierCode.Free && !s.CancelAtPeriodEnd && s.CurrentPeriodEnd > now && s.CurrentPeriodEnd <= horizon)
            .ToListAsync(ct);
        var keys = upcoming.Select(s => $"renewal_upcoming:{s.Id:N}:{s.CurrentPeriodEnd.UtcTicks}").ToList();

        // A notice for a period still to come was sent within the notice window: only those are read back.
        var told = (await db.Notifications.Where(n => n.Kind == "billing.renewal_upcoming" && n.CreatedAt >= now.AddDays(-options.Value.RenewalNoticeDays - 1)).Select(n => n.DedupeKey).ToListAsync(ct))
            .Select(k => k[..k.LastIndexOf(':')]).ToHashSet();
        var due = upcoming.Where((s, i) => !told.Contains(keys[i])).ToList();
        var zones = due.Count == 0 ? new Dictionary<Guid, TimeZoneInfo>() : await BillingDates.OfAsync(db, due.Select(s => s.OrganizationId).ToList(), ct);
        var count = 0;
        foreach (var subscription in due)
        {
            var tier = await catalog.VersionAsync(subscription.ScheduledTier ?? subscription.Tier, subscription.ScheduledTierVersion ?? subscription.TierVersion, ct);
            var next = subscription.HasScheduledChange
                ? new PlanPosition(tier, subscription.ScheduledCycle!.Value, subscription.ScheduledSeats!.Value)
                : SubscriptionTimeline.PositionOf(subscription, tier);
            await notices.StageAsync(db, subscription.OrganizationId, new BillingNotice(
                "billing.renewal_upcoming", $"renewal_upcoming:{subscription.Id:N}:{subscription.CurrentPeriodEnd.UtcTicks}", "Your subscription renews soon",
                $"{next.Describe()} renews on {BillingDates.Day(subscription.CurrentPeriodEnd, zones.GetValueOrDefault(subscription.OrganizationId, TimeZoneInfo.Utc))} for {(await RenewalPrice.OfAsync(pricing, db, subscription, next, ct)).Format()} (before any account balance)."), ct);
            count++;
        }

        await db.SaveChangesAsync(ct);
        return count;
    }
}
