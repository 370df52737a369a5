using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Billing.Revenue;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Billing.Payments;
using ApexAgent.Portal.Features.Catalog;
using ApexAgent.Portal.Features.Credits;
using ApexAgent.Portal.Features.Notifications;
using ApexAgent.Portal.Features.Organizations;
using ApexAgent.Portal.Features.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Billing;

/// <summary>
/// The end of a payment the bank asked the customer to authenticate (3-D Secure). When the customer comes back (or a
/// processor webhook arrives, or the billing run looks after <see cref="ExpiresAfter"/>), the processor is asked what
/// became of the charge. Two kinds of payment wait like this:
/// <list type="bullet">
/// <item>a first subscription: the subscription is <see cref="SubscriptionStatus.Incomplete"/> beside the plan in force;
/// paid → the draft is numbered and the subscription starts; declined, or still waiting after a day → the draft is
/// discarded and the subscription ends as <c>incomplete_expired</c>;</item>
/// <item>"Pay now" on an open invoice (<see cref="InvoicePaymentService"/>, e.g. a renewal the bank refused off-session):
/// paid → the invoice is paid (a past-due subscription recovers); declined or expired → the payment fails and the
/// invoice stays open on its dunning schedule. Money that arrives for an invoice settled meanwhile is kept as account
/// balance.</item>
/// </list>
/// </summary>
public sealed class CheckoutAuthentication(
    IDbContextFactory<PortalDbContext> dbFactory,
    PaymentProcessors processors,
    TierCatalog catalog,
    NotificationCenter notices,
    AccountSnapshots snapshots,
    TimeProvider clock,
    BalanceAnnouncer credits,
    OpenInvoiceSettlement openInvoices)
{
    public static readonly TimeSpan ExpiresAfter = TimeSpan.FromHours(23);

    /// <summary>What waits for the customer: the payment, its amount and what it pays for.</summary>
    public async Task<Result<WaitingCheckout>> FindAsync(Actor actor, Guid paymentId, CancellationToken ct)
    {
        if (!actor.Can(Permission.BillingManage))
        {
            return OrganizationService.Forbidden("pay for the subscription");
        }

        var waiting = await WaitingAsync(actor.OrganizationId, paymentId, ct);
        return waiting is null ? Error.NotFound("payment", "payment waiting for authentication") : waiting;
    }

    /// <summary>The newest payment of the organisation that waits for the customer to authenticate, if any.</summary>
    public Task<WaitingCheckout?> PendingForAsync(Guid organizationId, CancellationToken ct) => WaitingAsync(organizationId, null, ct);

    private async Task<WaitingCheckout?> WaitingAsync(Guid organizationId, Guid? paymentId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var waiting = await (from p in db.Payments.AsNoTracking()
                             where p.OrganizationId == organizationId && p.Status == PaymentStatus.RequiresAction && (paymentId == null || p.Id == paymentId)
                             join i in db.Invoices on p.InvoiceId equals i.Id
                             where i.Status == InvoiceStatus.Draft || i.Status == InvoiceStatus.Open
                             orderby p.CreatedAt descending
                             select new { p.Id, p.AmountMinor, p.CurrencyCode, p.MethodDescription, p.IdempotencyKey, i.Memo, p.Processor, p.ProcessorPaymentId, i.Number, InvoiceId = i.Id }).FirstOrDefaultAsync(ct);
        return waiting is null ? null : new WaitingCheckout(waiting.Id, new Money(waiting.AmountMinor, Currency.FromCode(waiting.CurrencyCode)), waiting.MethodDescription, waiting.Memo, waiting.IdempotencyKey, waiting.Processor, waiting.ProcessorPaymentId)
        {
            InvoiceId = waiting.InvoiceId,
            InvoiceNumber = waiting.Number,
        };
    }

    /// <summary>The customer is back from their bank: settle the payment with what the processor says.</summary>
    public async Task<Result<CheckoutOutcome>> CompleteAsync(Actor actor, Guid paymentId, CancellationToken ct)
    {
        var found = await FindAsync(actor, paymentId, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        if (actor.RefuseIfReadOnly() is { } readOnly)
        {
            return readOnly;
        }

        var who = await BillingActor.OfAsync(dbFactory, actor.UserId, ct);
        return await SettleAsync(paymentId, who, expire: false, ct);
    }

    /// <summary>
    /// A processor webhook said the authenticated charge has an outcome: settle the checkout now with what the processor
    /// says (the same path as the customer's return; a settled checkout is left as it is).
    /// </summary>
    public Task<CheckoutOutcome> SettleFromProcessorAsync(Guid paymentId, CancellationToken ct) => SettleAsync(paymentId, null, expire: false, ct);

    /// <summary>Settles every checkout that has waited longer than <see cref="ExpiresAfter"/> (run by the billing run).</summary>
    public async Task<int> ExpireStaleAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow() - ExpiresAfter;
        List<Guid> stale;
        await using (var context = await dbFactory.CreateDbContextAsync(ct))
        {
            stale = await context.Payments.Where(p => p.Status == PaymentStatus.RequiresAction && p.CreatedAt <= cutoff).Select(p => p.Id).ToListAsync(ct);
        }

        foreach (var id in stale)
        {
            await SettleAsync(id, null, expire: true, ct);
        }

        return stale.Count;
    }

    private async Task<CheckoutOutcome> SettleAsync(Guid paymentId, BillingActor? who, bool expire, CancellationToken ct)
    {
        var charge = await PaymentLookup.FindChargeAsync(dbFactory, processors, paymentId, ct);
        var now = clock.GetUtcNow();
        await using var write = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await write.Database.BeginTransactionAsync(ct);
        var payment = await write.Payments.FirstAsync(p => p.Id == paymentId, ct);
        var invoice = await write.Invoices.FirstAsync(i => i.Id == payment.InvoiceId, ct);
        if (payment.Status != PaymentStatus.RequiresAction)
        {
            return CheckoutOutcome.AlreadySettled;
        }

        if (invoice.Number is not null)
        {
            var settled = await SettleInvoiceAsync(write, invoice, payment, charge, expire, now, ct);
            if (settled != CheckoutOutcome.StillWaiting)
            {
                await write.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                snapshots.ForgetOrganization(invoice.OrganizationId);
            }

            return settled;
        }

        var subscription = invoice.SubscriptionId is { } id ? await write.Subscriptions.FirstOrDefaultAsync(s => s.Id == id && s.Status == SubscriptionStatus.Incomplete, ct) : null;
        if (invoice.Status != InvoiceStatus.Draft || subscription is null)
        {
            return CheckoutOutcome.AlreadySettled;
        }

        if (charge?.Status == ChargeStatus.Succeeded)
        {
            payment.Status = PaymentStatus.Succeeded;
            payment.ProcessorPaymentId = charge.ProcessorPaymentId;
            payment.CompletedAt = now;
            var account = await BillingBooks.AccountAsync(write, invoice.OrganizationId, now, ct);
            await BillingBooks.FinaliseAsync(write, invoice, account, now, 0, ct);
            invoice.MarkPaid(now);
            foreach (var replaced in await write.Subscriptions.InForce().Where(s => s.OrganizationId == invoice.OrganizationId).ToListAsync(ct))
            {
                replaced.End(now, "replaced");
            }

            await PlanCredits.ReplacedAsync(write, invoice.OrganizationId, now, ct);
            await write.SaveChangesAsync(ct);
            subscription.Activate();
            var position = SubscriptionTimeline.PositionOf(subscription, await catalog.VersionAsync(subscription.Tier, subscription.TierVersion, ct));
            await PlanCredits.StartedAsync(write, subscription, position.Tier, now, ct);
            SubscriptionTimeline.Record(write, subscription, SubscriptionChangeKind.Subscribed, now, null, position, who, invoice.Total, invoice.Id, "Payment authenticated with the bank");
            await notices.StageAsync(write, invoice.OrganizationId, new BillingNotice("billing.subscribed", $"plan_changed:{invoice.Id:N}", $"Welcome to {position.Tier.Terms.Name}",
                $"Your payment of {invoice.Total.Format()} was authenticated. Invoice {invoice.Number} is paid."), ct);
        }
        else if (charge?.IsFailure == true || expire)
        {
            payment.Status = PaymentStatus.Failed;
            payment.FailureCode = charge?.IsFailure == true ? charge.FailureCode : "incomplete_expired";
            payment.FailureMessage = charge?.IsFailure == true ? charge.FailureMessage : "The payment was not authenticated within a day.";
            payment.CompletedAt = now;
            invoice.Discard(now);
            await BillingBooks.ReturnBalanceAsync(write, invoice, "Returned: the payment was not authenticated", ct);
            subscription.End(now, "incomplete_expired");
        }
        else
        {
            return CheckoutOutcome.StillWaiting;
        }

        await write.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        snapshots.ForgetOrganization(invoice.OrganizationId);
        if (payment.Status == PaymentStatus.Succeeded)
        {
            await credits.AnnounceAsync(invoice.OrganizationId, "subscribed", ct);
        }

        return payment.Status == PaymentStatus.Succeeded ? CheckoutOutcome.Paid : CheckoutOutcome.Failed;
    }

    /// <summary>"Pay now" on an open invoice, back from the bank: the invoice is paid, or the payment fails and the invoice keeps its dunning schedule.</summary>
    private async Task<CheckoutOutcome> SettleInvoiceAsync(PortalDbContext write, Invoice invoice, Payment payment, ChargeOutcome? charge, bool expire, DateTimeOffset now, CancellationToken ct)
    {
        if (charge?.Status == ChargeStatus.Succeeded)
        {
            (payment.Status, payment.ProcessorPaymentId, payment.CompletedAt) = (PaymentStatus.Succeeded, charge.ProcessorPaymentId ?? payment.ProcessorPaymentId, now);
            if (invoice.Status == InvoiceStatus.Open && invoice.AmountDue.Minor > 0)
            {
                await openInvoices.CustomerPresentAsync(write, invoice, payment, charge, ct);
            }
            else
            {
                // Settled meanwhile (a credit note, staff marked it paid): the money is the customer's, kept as balance for the next invoice.
                BillingBooks.MoveBalance(write, invoice.OrganizationId, payment.Amount, $"Payment for invoice {invoice.Number} after it was settled", invoice.Id, now);
            }

            return CheckoutOutcome.Paid;
        }

        if (charge?.IsFailure != true && !expire)
        {
            return CheckoutOutcome.StillWaiting;
        }

        payment.Status = PaymentStatus.Failed;
        payment.FailureCode = charge?.IsFailure == true ? charge.FailureCode : "authentication_expired";
        payment.FailureMessage = charge?.IsFailure == true ? charge.FailureMessage : "The payment was not confirmed with the bank within a day; nothing was charged.";
        payment.CompletedAt = now;
        return CheckoutOutcome.Failed;
    }
}
