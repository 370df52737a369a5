using System.Text.Json;
using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Billing.Payments;
using ApexAgent.Portal.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Billing.Webhooks;

/// <summary>
/// Applies verified processor events exactly once. Each event's row in <c>ProcessorEvents</c> is written in the same
/// transaction as its effects, so a repeated delivery (one after the other or at the same moment) is acknowledged and
/// changes nothing. Effects only move state forward: a payment settled already is not settled again, a closed dispute is
/// not reopened. An event about a payment that is not settled here yet (a refund or dispute that overtook the payment's
/// own event) waits, and is applied as soon as that payment's event has been (ADR 0019).
/// </summary>
public sealed class WebhookInbox(
    IDbContextFactory<PortalDbContext> dbFactory,
    BillingRun billing,
    CheckoutAuthentication checkouts,
    NotificationCenter notices,
    DisputeAlerts staff,
    TimeProvider clock,
    ILogger<WebhookInbox> logger)
{
    /// <summary>Applies <paramref name="ev"/> once; <paramref name="body"/> is kept only while the event waits.</summary>
    public async Task<WebhookOutcome> ReceiveAsync(WebhookEvent ev, string body, CancellationToken ct)
    {
        var (outcome, checkout) = await ApplyOnceAsync(ev, body, ct);
        if (checkout is { } paymentId)
        {
            // A first subscription waiting for 3-D Secure: settled through CheckoutAuthentication, which asks the processor.
            // The event is recorded already; if the processor cannot be asked now, the customer's return or the billing
            // run's expiry settles the checkout later, so the delivery is still acknowledged.
            try
            {
                await checkouts.SettleFromProcessorAsync(paymentId, ct);
            }
            catch (Exception e) when (e is HttpRequestException or TimeoutException or InvalidOperationException && !ct.IsCancellationRequested)
            {
                logger.LogWarning(e, "Checkout payment {PaymentId} could not be settled from {Processor} event {EventId}; it settles on the customer's return or expiry", paymentId, ev.Processor, ev.Id);
            }
        }

        if (outcome == WebhookOutcome.Applied && ev.Action is WebhookAction.PaymentSucceeded && ev.Subject is { } subject)
        {
            await ApplyWaitingAsync(ev.Processor, subject, ct);
        }

        return outcome;
    }

    private async Task ApplyWaitingAsync(string processor, string subject, CancellationToken ct)
    {
        List<(string Body, string Processor)> waiting;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            waiting = (await db.ProcessorEvents.AsNoTracking()
                    .Where(e => e.Processor == processor && e.ObjectId == subject && e.Outcome == WebhookOutcome.Waiting && e.Payload != null)
                    .OrderBy(e => e.ReceivedAt).Select(e => new { e.Payload, e.Processor }).ToListAsync(ct))
                .Select(e => (e.Payload!, e.Processor)).ToList();
        }

        foreach (var (body, name) in waiting)
        {
            using var json = JsonDocument.Parse(body);
            var ev = name == "paypal" ? PayPalEventReader.Read(json.RootElement) : StripeEventReader.Read(json.RootElement);
            if (ev is not null)
            {
                await ApplyOnceAsync(ev, body, ct);
            }
        }
    }

    private async Task<(WebhookOutcome Outcome, Guid? Checkout)> ApplyOnceAsync(WebhookEvent ev, string body, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var row = await db.ProcessorEvents.FirstOrDefaultAsync(e => e.Processor == ev.Processor && e.EventId == ev.Id, ct);
            if (row is not null && row.Outcome != WebhookOutcome.Waiting)
            {
                return (row.Outcome, null); // delivered before: acknowledged, nothing changes
            }

            if (row is null)
            {
                row = new ProcessorEvent
                {
                    Id = Guid.CreateVersion7(now),
                    Processor = ev.Processor,
                    EventId = ev.Id,
                    Type = ev.Type,
                    ObjectId = ev.Subject,
                    EventCreatedAt = ev.CreatedAt,
                    ReceivedAt = now,
                };
                db.ProcessorEvents.Add(row);
            }

            var effect = await ApplyAsync(db, ev, now, ct);
            row.Outcome = effect.Outcome;
            row.Detail = effect.Detail.Length <= 500 ? effect.Detail : effect.Detail[..500];
            row.OrganizationId = effect.OrganizationId ?? row.OrganizationId;
            row.ProcessedAt = effect.Outcome == WebhookOutcome.Waiting ? null : now;
            row.Payload = effect.Outcome == WebhookOutcome.Waiting ? body : null;
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            logger.LogInformation("{Processor} event {EventId} ({Type}): {Outcome} — {Detail}", ev.Processor, ev.Id, ev.Type, effect.Outcome, effect.Detail);
            return (effect.Outcome, effect.Checkout);
        }
        catch (DbUpdateException) when (!ct.IsCancellationRequested)
        {
            // The same event was recorded by a concurrent delivery between our read and our write.
            return (WebhookOutcome.Ignored, null);
        }
    }

    private sealed record Effect(WebhookOutcome Outcome, string Detail, Guid? OrganizationId = null, Guid? Checkout = null);

    private static Effect Ignored(string why, Guid? organizationId = null) => new(WebhookOutcome.Ignored, why, organizationId);

    private Task<Effect> ApplyAsync(PortalDbContext db, WebhookEvent ev, DateTimeOffset now, CancellationToken ct) => ev.Action switch
    {
        WebhookAction.PaymentSucceeded or WebhookAction.PaymentFailed => SettleAsync(db, ev, ct),
        WebhookAction.Refunded => RefundAsync(db, ev, now, ct),
        WebhookAction.DisputeOpened or WebhookAction.DisputeClosed => DisputeAsync(db, ev, now, ct),
        WebhookAction.MethodRemoved => RemoveMethodAsync(db, ev, now, ct),
        WebhookAction.MethodUpdated or WebhookAction.MethodExpiring => UpdateMethodAsync(db, ev, ct),
        _ => Task.FromResult(Ignored($"{ev.Type} is not acted on here")),
    };

    private static Task<Payment?> FindChargeAsync(PortalDbContext db, WebhookEvent ev, CancellationToken ct)
    {
        var (id, other, key) = (ev.PaymentId, ev.AlternatePaymentId, ev.IdempotencyKey);
        return db.Payments
            .Where(p => p.Processor == ev.Processor && p.Kind == PaymentKind.Charge
                && ((id != null && p.ProcessorPaymentId == id) || (other != null && p.ProcessorPaymentId == other) || (key != null && p.IdempotencyKey == key)))
            .OrderByDescending(p => p.CreatedAt).FirstOrDefaultAsync(ct);
    }

    private async Task<Effect> SettleAsync(PortalDbContext db, WebhookEvent ev, CancellationToken ct)
    {
        var payment = await FindChargeAsync(db, ev, ct);
        if (payment is null)
        {
            return Ignored("no payment of ours has this id");
        }

        var succeeded = ev.Action == WebhookAction.PaymentSucceeded;
        if (payment.Status == PaymentStatus.RequiresAction)
        {
            return new Effect(WebhookOutcome.Applied, "checkout waiting for 3-D Secure settled with the processor's answer", payment.OrganizationId, payment.Id);
        }

        if (payment.Status != PaymentStatus.Pending)
        {
            return Ignored($"the payment is {payment.Status.ToString().ToLowerInvariant()} already", payment.OrganizationId);
        }

        var outcome = succeeded
            ? new ChargeOutcome(ChargeStatus.Succeeded, ev.PaymentId ?? payment.ProcessorPaymentId)
            : new ChargeOutcome(ev.HardDecline ? ChargeStatus.Declined : ChargeStatus.Failed, ev.PaymentId ?? payment.ProcessorPaymentId, ev.FailureCode, ev.FailureMessage);
        if (!await billing.SettleInAsync(db, payment, outcome, ct))
        {
            return Ignored("the payment belongs to a checkout that settles it itself", payment.OrganizationId);
        }

        return new Effect(WebhookOutcome.Applied, succeeded ? "payment settled: invoice paid" : $"payment failed ({ev.FailureCode}): dunning", payment.OrganizationId);
    }

    private async Task<Effect> RefundAsync(PortalDbContext db, WebhookEvent ev, DateTimeOffset now, CancellationToken ct)
    {
        var charge = await FindChargeAsync(db, ev, ct);
        if (charge is null || charge.Status != PaymentStatus.Succeeded)
        {
            return new Effect(WebhookOutcome.Waiting, "waiting for the refunded payment to be settled here", charge?.OrganizationId);
        }

        var invoice = await db.Invoices.FirstAsync(i => i.Id == charge.InvoiceId, ct);
        if (invoice.Status != InvoiceStatus.Paid || invoice.Kind != InvoiceKind.Invoice)
        {
            return new Effect(WebhookOutcome.Waiting, "waiting for the invoice to be paid here", invoice.OrganizationId);
        }

        if (ev.CurrencyCode is { } code && code != invoice.CurrencyCode)
        {
            return Ignored($"refund in {code} for an invoice in {invoice.CurrencyCode}", invoice.OrganizationId);
        }

        var notes = db.Invoices.Where(n => n.CorrectsInvoiceId == invoice.Id).Select(n => n.Id);
        var known = await db.Payments.Where(p => notes.Contains(p.InvoiceId) && p.Kind == PaymentKind.Refund && p.Processor == ev.Processor && p.Status != PaymentStatus.Failed).ToListAsync(ct);
        if ((ev.RefundId is { } refundId && known.Any(p => p.ProcessorPaymentId == refundId)) || (ev.RefundKey is { } key && known.Any(p => p.IdempotencyKey == key)))
        {
            return Ignored("the refund is recorded here already", invoice.OrganizationId);
        }

        long amount;
        if (ev.TotalRefundedMinor is { } total)
        {
            amount = total - known.Sum(p => p.AmountMinor); // Stripe tells the charge's whole refunded amount
        }
        else
        {
            var ours = known.FirstOrDefault(p => p.Status == PaymentStatus.Pending && p.ProcessorPaymentId == null && p.AmountMinor == ev.AmountMinor);
            if (ours is not null)
            {
                return Ignored("our own refund, still being recorded", invoice.OrganizationId);
            }

            amount = ev.AmountMinor ?? 0;
        }

        amount = Math.Min(amount, invoice.CreditableMinor);
        if (amount <= 0)
        {
            return Ignored("every refunded amount is recorded here already", invoice.OrganizationId);
        }

        var money = new Money(amount, invoice.Currency);
        var note = await CreditAsync(db, invoice, money, $"Refunded in the {Name(ev.Processor)} dashboard", now, ct);
        var refunded = Payment.Refund(invoice.OrganizationId, note.Id, money, ev.Processor, $"webhook:{ev.Processor}:{ev.Id}", PaymentStatus.Succeeded, charge, now);
        refunded.ProcessorPaymentId = ev.RefundId;
        db.Payments.Add(refunded);
        await notices.StageAsync(db, invoice.OrganizationId, new BillingNotice("billing.credit_note", $"credit_note:{note.Id:N}", $"Credit note {note.Number}",
            $"{money.Format()} of invoice {invoice.Number} was refunded to {charge.MethodDescription}.", "/billing/invoices"), ct);
        return new Effect(WebhookOutcome.Applied, $"credit note {note.Number} for {money.Format()}", invoice.OrganizationId);
    }

    private async Task<Effect> DisputeAsync(PortalDbContext db, WebhookEvent ev, DateTimeOffset now, CancellationToken ct)
    {
        var dispute = await db.PaymentDisputes.FirstOrDefaultAsync(d => d.Processor == ev.Processor && d.ProcessorDisputeId == ev.DisputeId, ct);
        if (dispute is not null && (dispute.Status != DisputeStatus.Open || ev.Action == WebhookAction.DisputeOpened))
        {
            return Ignored($"the dispute is {dispute.Status.ToString().ToLowerInvariant()} here already", dispute.OrganizationId);
        }

        if (ev.Action == WebhookAction.DisputeClosed && ev.DisputeResult is null)
        {
            return Ignored("the dispute's outcome is not one we know", dispute?.OrganizationId);
        }

        Invoice invoice;
        if (dispute is null)
        {
            var charge = await FindChargeAsync(db, ev, ct);
            if (charge is null || charge.Status != PaymentStatus.Succeeded)
            {
                return new Effect(WebhookOutcome.Waiting, "waiting for the disputed payment to be settled here", charge?.OrganizationId);
            }

            invoice = await db.Invoices.FirstAsync(i => i.Id == charge.InvoiceId, ct);
            dispute = new PaymentDispute
            {
                Id = Guid.CreateVersion7(now),
                OrganizationId = charge.OrganizationId,
                InvoiceId = charge.InvoiceId,
                PaymentId = charge.Id,
                Processor = ev.Processor,
                ProcessorDisputeId = ev.DisputeId!,
                AmountMinor = Math.Min(ev.AmountMinor ?? charge.AmountMinor, charge.AmountMinor),
                CurrencyCode = charge.CurrencyCode,
                Reason = ev.DisputeReason ?? "general",
                Status = DisputeStatus.Open,
                OpenedAt = ev.CreatedAt is { } at && at <= now ? at : now,
            };
            db.PaymentDisputes.Add(dispute);
            await notices.StageAsync(db, dispute.OrganizationId, new BillingNotice("billing.dispute_opened", $"dispute_opened:{dispute.Id:N}", $"Payment for invoice {invoice.Number} disputed",
                $"Your bank told us that the payment of {dispute.Amount.Format()} for invoice {invoice.Number} is disputed ({dispute.Reason.Replace('_', ' ')}). If this is a mistake, contact your bank or reply to this message.", "/billing/invoices"), ct);
            if (ev.Action == WebhookAction.DisputeOpened)
            {
                await staff.OpenedAsync(db, dispute, invoice, ev.DisputeRespondBy, ct);
                return new Effect(WebhookOutcome.Applied, $"dispute of {dispute.Amount.Format()} recorded", dispute.OrganizationId);
            }
        }
        else
        {
            invoice = await db.Invoices.FirstAsync(i => i.Id == dispute.InvoiceId, ct);
        }

        dispute.Status = ev.DisputeResult!.Value;
        dispute.ClosedAt = now;
        if (dispute.Status == DisputeStatus.Won)
        {
            await notices.StageAsync(db, dispute.OrganizationId, new BillingNotice("billing.dispute_closed", $"dispute_closed:{dispute.Id:N}", $"Dispute for invoice {invoice.Number} closed",
                $"The dispute of {dispute.Amount.Format()} for invoice {invoice.Number} was closed in our favour: the payment stands.", "/billing/invoices"), ct);
            await staff.ClosedAsync(db, dispute, invoice, ct);
            return new Effect(WebhookOutcome.Applied, "dispute won: the payment stands", dispute.OrganizationId);
        }

        // Lost: the bank took the money back. The amount is written off with a credit note and a chargeback payment.
        var amount = new Money(Math.Min(dispute.AmountMinor, invoice.CreditableMinor), invoice.Currency);
        string detail;
        if (amount.Minor > 0 && invoice.Status == InvoiceStatus.Paid)
        {
            var note = await CreditAsync(db, invoice, amount, $"Dispute lost ({dispute.Reason.Replace('_', ' ')})", now, ct);
            dispute.CreditNoteId = note.Id;
            var chargeback = Payment.Refund(invoice.OrganizationId, note.Id, amount, ev.Processor, $"dispute:{ev.Processor}:{dispute.ProcessorDisputeId}:lost", PaymentStatus.Succeeded, null, now);
            (chargeback.ProcessorPaymentId, chargeback.MethodDescription) = (dispute.ProcessorDisputeId, "Chargeback");
            db.Payments.Add(chargeback);
            detail = $"dispute lost: written off with credit note {note.Number}";
        }
        else
        {
            detail = "dispute lost: nothing left to write off";
        }

        await notices.StageAsync(db, dispute.OrganizationId, new BillingNotice("billing.dispute_closed", $"dispute_closed:{dispute.Id:N}", $"Dispute for invoice {invoice.Number} closed",
            $"Your bank returned {dispute.Amount.Format()} of invoice {invoice.Number} to you after the dispute; the invoice was credited by that amount.", "/billing/invoices"), ct);
        await staff.ClosedAsync(db, dispute, invoice, ct);
        return new Effect(WebhookOutcome.Applied, detail, dispute.OrganizationId);
    }

    private async Task<Effect> RemoveMethodAsync(PortalDbContext db, WebhookEvent ev, DateTimeOffset now, CancellationToken ct)
    {
        var method = await db.PaymentMethods.FirstOrDefaultAsync(m => m.Processor == ev.Processor && m.ProcessorToken == ev.MethodToken, ct);
        if (method is null)
        {
            return Ignored("no saved payment method has this token (removed already)");
        }

        var account = await BillingBooks.AccountAsync(db, method.OrganizationId, now, ct);
        if (account.DefaultPaymentMethodId == method.Id)
        {
            account.DefaultPaymentMethodId = await db.PaymentMethods.Where(m => m.OrganizationId == method.OrganizationId && m.Id != method.Id)
                .OrderByDescending(m => m.CreatedAt).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(ct);
        }

        db.PaymentMethods.Remove(method);
        await notices.StageAsync(db, method.OrganizationId, new BillingNotice("billing.payment_method_removed", $"payment_method_removed:{method.Id:N}", $"{method.Describe()} was removed",
            $"{Name(ev.Processor)} told us that {method.Describe()} can no longer be charged, so it was removed from your account. Add a payment method to keep paying without interruption.", "/billing/payment-methods"), ct);
        return new Effect(WebhookOutcome.Applied, $"payment method {method.Describe()} removed", method.OrganizationId);
    }

    private async Task<Effect> UpdateMethodAsync(PortalDbContext db, WebhookEvent ev, CancellationToken ct)
    {
        var method = await db.PaymentMethods.FirstOrDefaultAsync(m => m.Processor == ev.Processor && m.ProcessorToken == ev.MethodToken, ct);
        if (method is null)
        {
            return Ignored("no saved payment method has this token");
        }

        var before = method.Describe();
        if (ev.ExpMonth is { } month && ev.ExpYear is { } year)
        {
            (method.ExpMonth, method.ExpYear) = (month, year);
        }

        if (ev.Last4 is { Length: 4 } last4 && last4.All(char.IsAsciiDigit))
        {
            method.Last4 = last4;
        }

        if (ev.Brand is { Length: > 0 and <= 30 } brand && ev.Action == WebhookAction.MethodUpdated)
        {
            method.Brand = char.ToUpperInvariant(brand[0]) + brand[1..];
        }

        var expiry = $"{method.ExpMonth:00}/{method.ExpYear % 100:00}";
        var notice = ev.Action == WebhookAction.MethodUpdated
            ? new BillingNotice("billing.payment_method_updated", $"payment_method_updated:{method.Id:N}:{method.Last4}:{expiry}", $"{method.Describe()} was updated by your bank",
                $"Your bank sent new details for {before}: it is now {method.Describe()}, expiring {expiry}. Nothing to do.", "/billing/payment-methods")
            : new BillingNotice("billing.card_expiring", $"card_expiring:{method.Id:N}:{expiry}", $"{method.Describe()} expires soon",
                $"{method.Describe()} expires at the end of {expiry}. Add a new card so that your next payments go through.", "/billing/payment-methods");
        await notices.StageAsync(db, method.OrganizationId, notice, ct);
        return new Effect(WebhookOutcome.Applied, ev.Action == WebhookAction.MethodUpdated ? $"payment method updated to {method.Describe()} {expiry}" : $"card expiring {expiry} flagged", method.OrganizationId);
    }

    private static async Task<Invoice> CreditAsync(PortalDbContext db, Invoice invoice, Money amount, string reason, DateTimeOffset now, CancellationToken ct)
    {
        var note = Invoice.CreditNoteFor(invoice, reason, now);
        note.AddLine(InvoiceLineKind.Credit, $"Credit for invoice {invoice.Number}: {reason}", amount);
        db.Invoices.Add(note);
        var account = await BillingBooks.AccountAsync(db, invoice.OrganizationId, now, ct);
        await BillingBooks.FinaliseAsync(db, note, account, now, 0, ct);
        invoice.Credit(amount);
        return note;
    }

    private static string Name(string processor) => processor switch
    {
        "stripe" => "Stripe",
        "paypal" => "PayPal",
        _ => processor,
    };
}
