using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Billing.Revenue;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Catalog;
using ApexAgent.Portal.Features.Credits;
using ApexAgent.Portal.Features.Notifications;
using ApexAgent.Portal.Features.Organizations;
using ApexAgent.Portal.Features.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Billing;

/// <summary>
/// Enterprise contracts set up by ApexAgent staff: an annual Enterprise subscription at a negotiated price, invoiced
/// (not charged) with payment terms, net 30 by default; renewals are invoiced the same way, and staff record the bank
/// transfer that pays each invoice.
/// </summary>
public sealed class ContractService(IDbContextFactory<PortalDbContext> dbFactory, TierCatalog catalog, NotificationCenter notices, AccountSnapshots snapshots, TimeProvider clock, BalanceAnnouncer credits, Pricing.InvoicePricing pricing)
{
    public async Task<Result<InvoiceSummary>> StartAsync(Actor actor, ContractTerms terms, CancellationToken ct)
    {
        if (!actor.Can(Permission.BillingOperate))
        {
            return OrganizationService.Forbidden("set up contracts");
        }

        if (actor.RefuseIfReadOnly() is { } readOnly)
        {
            return readOnly;
        }

        var enterprise = await catalog.CurrentAsync(TierCode.Enterprise, ct);
        var errors = new FieldErrors()
            .Require(terms.Seats >= enterprise.Terms.MinSeats && terms.Seats <= 100_000, "seats", $"A contract has {enterprise.Terms.MinSeats} to 100,000 seats.")
            .Require(terms.AnnualPriceMinor is > 0 and <= 100_000_000_000, "annualPrice", "The annual price must be more than zero.")
            .Require(terms.PaymentTermsDays is >= 0 and <= 120, "paymentTermsDays", "Payment terms are 0 to 120 days.");
        if (errors.Any)
        {
            return errors.ToError();
        }

        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var timeZone = await db.Organizations.Where(o => o.Id == terms.OrganizationId).Select(o => o.TimeZone).FirstOrDefaultAsync(ct);
        if (timeZone is null)
        {
            return Error.NotFound("organization", "organisation");
        }

        var current = await db.Subscriptions.InForce().FirstAsync(s => s.OrganizationId == terms.OrganizationId, ct);
        if (current.Tier != TierCode.Free && !current.CancelAtPeriodEnd)
        {
            return new Error("subscription_active", "The organisation has a paid subscription. Cancel it (or let it end) before a contract replaces it.", ErrorKind.Conflict);
        }

        current.End(now, "replaced");
        await PlanCredits.ReplacedAsync(db, terms.OrganizationId, now, ct);
        await db.SaveChangesAsync(ct);
        var price = new Money(terms.AnnualPriceMinor, enterprise.Currency);
        var subscription = Subscription.StartPaid(terms.OrganizationId, enterprise, BillingCycle.Annual, terms.Seats, SubscriptionStatus.Active, now, CollectionMethod.SendInvoice, terms.PaymentTermsDays, price);
        db.Subscriptions.Add(subscription);
        await PlanCredits.StartedAsync(db, subscription, enterprise, now, ct);
        var position = SubscriptionTimeline.PositionOf(subscription, enterprise);
        var invoice = Invoice.Draft(terms.OrganizationId, subscription.Id, InvoicePurpose.FirstPeriod, enterprise.Currency, subscription.CurrentPeriod, CollectionMethod.SendInvoice, now, $"Enterprise contract, {terms.Seats} seats");
        InvoiceLines.AddPlan(invoice, position, subscription.CurrentPeriod);
        await pricing.PriceAsync(db, invoice, new Pricing.PricingRequest(terms.OrganizationId, InvoicePurpose.FirstPeriod, position, subscription.Id), now, ct);
        db.Invoices.Add(invoice);
        var account = await BillingBooks.AccountAsync(db, terms.OrganizationId, now, ct);
        await BillingBooks.FinaliseAsync(db, invoice, account, now, terms.PaymentTermsDays, ct);
        var who = await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.Email).FirstOrDefaultAsync(ct) ?? "ApexAgent staff";
        SubscriptionTimeline.Record(db, subscription, SubscriptionChangeKind.ContractStarted, now, null, position, new BillingActor(actor.UserId, who), invoice.Total, invoice.Id,
            $"Contract: {price.Format()} a year, net {terms.PaymentTermsDays}");
        await notices.StageAsync(db, terms.OrganizationId, new BillingNotice("billing.invoice_issued", $"invoice_issued:{invoice.Id:N}", $"Invoice {invoice.Number} is ready",
            $"Your Enterprise contract has started. Invoice {invoice.Number} for {invoice.Total.Format()} is due on {BillingDates.Day(invoice.DueAt ?? now, BillingDates.For(timeZone))}.", "/billing/invoices"), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        snapshots.ForgetOrganization(terms.OrganizationId);
        await credits.AnnounceAsync(terms.OrganizationId, "contract_started", ct);
        return InvoiceSummary.Of(invoice);
    }

    /// <summary>Records the bank transfer that paid an invoice sent for payment.</summary>
    public async Task<Result<InvoiceSummary>> RecordTransferAsync(Actor actor, Guid invoiceId, string? reference, CancellationToken ct)
    {
        if (!actor.Can(Permission.BillingOperate))
        {
            return OrganizationService.Forbidden("record payments");
        }

        if (actor.RefuseIfReadOnly() is { } readOnly)
        {
            return readOnly;
        }

        if (string.IsNullOrWhiteSpace(reference) || reference.Length > 100)
        {
            return Error.Invalid(new Dictionary<string, string[]> { ["reference"] = ["Give the transfer's reference (up to 100 characters)."] });
        }

        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var invoice = await db.Invoices.FirstOrDefaultAsync(i => i.Id == invoiceId && i.Number != null && i.Kind == InvoiceKind.Invoice, ct);
        if (invoice is null)
        {
            return Error.NotFound("invoice", "invoice");
        }

        if (invoice.Status != InvoiceStatus.Open || invoice.CollectionMethod != CollectionMethod.SendInvoice)
        {
            return new Error("invoice_not_open", $"Invoice {invoice.Number} is not an open invoice sent for payment.", ErrorKind.Conflict);
        }

        db.Payments.Add(new Payment
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = invoice.OrganizationId,
            InvoiceId = invoice.Id,
            Kind = PaymentKind.Charge,
            AmountMinor = invoice.AmountDue.Minor,
            CurrencyCode = invoice.CurrencyCode,
            Status = PaymentStatus.Succeeded,
            Processor = "bank_transfer",
            IdempotencyKey = $"invoice:{invoice.Id:N}:transfer",
            ProcessorPaymentId = reference.Trim(),
            MethodDescription = "Bank transfer",
            CreatedAt = now,
            CompletedAt = now,
        });
        invoice.MarkPaid(now);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return InvoiceSummary.Of(invoice);
    }
}
