using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Billing.Revenue;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Catalog;
using ApexAgent.Portal.Features.Notifications;
using ApexAgent.Portal.Features.Subscriptions;
using Microsoft.Extensions.Options;

namespace ApexAgent.Portal.Features.Billing.Payments;

/// <summary>
/// What the outcome of a charge does to an open (numbered) invoice — a renewal, a contract or any invoice collected
/// automatically:
/// <list type="bullet">
/// <item>paid: the invoice is paid, and a past-due subscription recovers;</item>
/// <item>an automatic attempt failed: the attempt counts on the dunning schedule, and after the last one the
/// subscription is past due; the notice says what the customer can do (a bank that wants the payment confirmed sends
/// them to the invoice's "Pay now");</item>
/// <item>the customer paid while present (<see cref="CustomerPresentAsync"/>): a failure is shown to them at once and does not
/// move the dunning schedule.</item>
/// </list>
/// </summary>
public sealed class OpenInvoiceSettlement(
    TierCatalog catalog,
    NotificationCenter notices,
    AccountSnapshots snapshots,
    IOptions<BillingOptions> options,
    TimeProvider clock)
{
    /// <summary>The failure code of an off-session charge the bank wants the customer to confirm (3-D Secure).</summary>
    public const string AuthenticationRequiredCode = "authentication_required";

    /// <summary>Settles an automatic (off-session) attempt; a <see cref="PaymentSettlement"/>.</summary>
    public async Task AutomaticAsync(PortalDbContext db, Invoice invoice, Payment payment, ChargeOutcome outcome, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (invoice.Status != InvoiceStatus.Open)
        {
            return;
        }

        if (outcome.Status == ChargeStatus.Succeeded)
        {
            await PaidAsync(db, invoice, payment, now, ct);
            return;
        }

        if (!outcome.IsFailure)
        {
            return; // pending or unknown: asked again on the next run with the same idempotency key
        }

        invoice.RecordFailedAttempt(now, options.Value.Dunning);
        var next = invoice.NextAttemptAt;
        var subscription = invoice.SubscriptionId is { } id ? await db.Subscriptions.FindAsync([id], ct) : null;
        if (next is null && subscription is { Status: SubscriptionStatus.Active })
        {
            subscription.MarkPastDue(now);
            var position = SubscriptionTimeline.PositionOf(subscription, await catalog.VersionAsync(subscription.Tier, subscription.TierVersion, ct));
            SubscriptionTimeline.Record(db, subscription, SubscriptionChangeKind.PastDue, now, position, position, null, invoice.AmountDue, invoice.Id, "Every payment retry failed");
            snapshots.ForgetOrganization(subscription.OrganizationId);
        }

        var zone = await BillingDates.OfAsync(db, invoice.OrganizationId, ct); // only on a failure, never on the paying path
        var hard = outcome is { Status: ChargeStatus.Declined, FailureCode: not "payment_method_required" };
        var confirm = outcome.FailureCode == AuthenticationRequiredCode;
        var what = (next, hard, confirm) switch
        {
            ({ } at, _, true) => $"Open the invoice and choose Pay now: your bank will ask you to confirm, and the invoice is paid. Otherwise we try again on {BillingDates.Day(at, zone)}.",
            (null, _, true) => $"Open the invoice and choose Pay now to confirm it with your bank; otherwise your subscription falls back to the Free plan on {BillingDates.Day(options.Value.Dunning.FallbackAt(now), zone)}.",
            ({ } at, true, _) => $"This card will not be charged again: add a new payment method or update this one, and we will charge it at once. Otherwise the invoice stays unpaid and we check again on {BillingDates.Day(at, zone)}.",
            ({ } at, false, _) => $"We will try again on {BillingDates.Day(at, zone)}. Update your payment method to pay now.",
            _ => $"Your subscription is past due and falls back to the Free plan on {BillingDates.Day(options.Value.Dunning.FallbackAt(now), zone)} unless you update your payment method.",
        };
        var title = confirm ? $"Your bank asks you to confirm the payment for invoice {invoice.Number}"
            : hard ? $"Payment for invoice {invoice.Number} was declined — a new payment method is needed"
            : $"Payment for invoice {invoice.Number} failed";
        var message = confirm ? $"{payment.MethodDescription} was not charged {payment.Amount.Format()}: your bank wants you to confirm this payment yourself." : $"{payment.MethodDescription} was not charged {payment.Amount.Format()}: {outcome.FailureMessage}";
        await notices.StageAsync(db, invoice.OrganizationId, new BillingNotice(
            "billing.payment_failed", $"payment_failed:{invoice.Id:N}:{invoice.AttemptCount}", title, $"{message} {what}",
            confirm ? $"/billing/invoices/{invoice.Id}" : "/billing/payment-methods"), ct);
    }

    /// <summary>
    /// Settles a payment the customer made while present ("Pay now", or the bank's confirmation of it); a
    /// <see cref="PaymentSettlement"/>. Only a success changes the invoice: the customer sees a failure at once, so the
    /// dunning schedule is left as it was.
    /// </summary>
    public async Task CustomerPresentAsync(PortalDbContext db, Invoice invoice, Payment payment, ChargeOutcome outcome, CancellationToken ct)
    {
        if (invoice.Status == InvoiceStatus.Open && outcome.Status == ChargeStatus.Succeeded)
        {
            await PaidAsync(db, invoice, payment, clock.GetUtcNow(), ct);
        }
    }

    private async Task PaidAsync(PortalDbContext db, Invoice invoice, Payment payment, DateTimeOffset now, CancellationToken ct)
    {
        var recovering = invoice.AttemptCount > 0;
        invoice.MarkPaid(now);
        var subscription = invoice.SubscriptionId is { } id ? await db.Subscriptions.FindAsync([id], ct) : null;
        if (subscription?.Status == SubscriptionStatus.PastDue)
        {
            subscription.Recover();
            var position = SubscriptionTimeline.PositionOf(subscription, await catalog.VersionAsync(subscription.Tier, subscription.TierVersion, ct));
            SubscriptionTimeline.Record(db, subscription, SubscriptionChangeKind.Recovered, now, position, position, null, payment.Amount, invoice.Id, "Payment recovered");
            snapshots.ForgetOrganization(subscription.OrganizationId);
        }

        if (recovering)
        {
            await notices.StageAsync(db, invoice.OrganizationId, new BillingNotice(
                "billing.payment_recovered", $"payment_recovered:{invoice.Id:N}", "Payment received — thank you",
                $"We received {payment.Amount.Format()} for invoice {invoice.Number} from {payment.MethodDescription}. Your subscription is in good standing."), ct);
        }
    }
}
