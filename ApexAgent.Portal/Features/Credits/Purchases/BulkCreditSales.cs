using System.Globalization;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Credits;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Notifications;
using ApexAgent.Portal.Features.Organizations;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Credits.Purchases;

/// <summary>
/// Enterprise bulk purchases by invoice (ADR 0014): staff sell at least 100,000 credits at a negotiated price; the
/// invoice is numbered and sent for payment (net 30, like an Enterprise contract invoice) and the credits are granted
/// at once, on issue. If the invoice is voided or written off, <see cref="CreditPurchaseSweep"/> claws back what is left.
/// </summary>
public sealed class BulkCreditSales(IDbContextFactory<PortalDbContext> dbFactory, NotificationCenter notices, CreditFeed feed, Billing.Pricing.InvoicePricing pricing, TimeProvider clock)
{
    public const long MaxCredits = 100_000_000;

    public async Task<Result<BulkSaleResult>> SellAsync(Actor actor, BulkSale sale, CancellationToken ct)
    {
        if (!actor.Can(Permission.CreditsOperate))
        {
            return OrganizationService.Forbidden("sell credits in bulk");
        }

        if (actor.RefuseIfReadOnly() is { } readOnly)
        {
            return readOnly;
        }

        var errors = new FieldErrors()
            .Require(sale.Credits is >= CreditPack.BulkMinimumCredits and <= MaxCredits, "credits", $"A bulk purchase is {Describe(CreditPack.BulkMinimumCredits)} to {Describe(MaxCredits)} credits.")
            .Require(sale.PricePerThousandMinor is null != sale.TotalMinor is null, "price", "Give either the price per 1,000 credits or the total, not both.")
            .Require(sale.PricePerThousandMinor is null or (> 0 and <= 1_000_000), "pricePerThousand", "The price per 1,000 credits is more than zero and at most $10,000.00.")
            .Require(sale.TotalMinor is null or (> 0 and <= 100_000_000_000), "total", "The total is more than zero.")
            .Require(sale.PaymentTermsDays is >= 0 and <= 120, "paymentTermsDays", "Payment terms are 0 to 120 days.")
            .MaxLength(sale.Note, 200, "note", "The note")
            .Require(sale.IdempotencyKey is null || (sale.IdempotencyKey.Length is > 0 and <= 100 && sale.IdempotencyKey.All(c => c is > ' ' and <= '~')), "idempotencyKey", "An idempotency key is 1 to 100 printable characters.");
        if (errors.Any)
        {
            return errors.ToError();
        }

        var requestKey = sale.IdempotencyKey is { } key ? $"bulk:key:{key}" : null;
        if (requestKey is not null && await FirstSaleAsync(sale.OrganizationId, requestKey, ct) is { } first)
        {
            return first;
        }

        var total = sale.TotalMinor is { } given
            ? Money.Usd(given)
            : Money.FromMinorDecimal(sale.PricePerThousandMinor!.Value * (decimal)sale.Credits / 1_000m, Currency.Usd);
        var now = clock.GetUtcNow();
        var credits = Millicredits.FromCredits(sale.Credits);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var timeZone = await db.Organizations.Where(o => o.Id == sale.OrganizationId).Select(o => o.TimeZone).FirstOrDefaultAsync(ct);
        if (timeZone is null)
        {
            return Error.NotFound("organization", "organisation");
        }

        var rate = Money.FromMinorDecimal(total.Minor * 1_000m / sale.Credits, Currency.Usd);
        var invoice = Invoice.Draft(sale.OrganizationId, null, InvoicePurpose.CreditPurchase, Currency.Usd, null, CollectionMethod.SendInvoice, now,
            $"Bulk credits: {credits.Format()}");
        invoice.AddLine(InvoiceLineKind.CreditPack,
            $"{credits.Format()} at {rate.Format()} per 1,000 (negotiated; expire 12 months after purchase){(string.IsNullOrWhiteSpace(sale.Note) ? "" : " — " + sale.Note.Trim())}",
            total, sale.Credits / 1_000, sale.Credits % 1_000 == 0 ? rate : total);
        await pricing.PriceAsync(db, invoice, new Billing.Pricing.PricingRequest(sale.OrganizationId, InvoicePurpose.CreditPurchase, null, null), now, ct);
        db.Invoices.Add(invoice);
        var account = await BillingBooks.AccountAsync(db, sale.OrganizationId, now, ct);
        await BillingBooks.FinaliseAsync(db, invoice, account, now, sale.PaymentTermsDays, ct);
        var grant = await CreditBooks.GiveAsync(db, new GrantRequest(sale.OrganizationId, GrantKind.Purchased, credits, now, CreditPack.ExpiryOf(now),
            $"pack:{invoice.Id}", $"Bulk credits, invoice {invoice.Number}", actor.UserId), now, ct);
        if (!grant.IsSuccess)
        {
            return grant.Error;
        }

        var purchase = new CreditPurchase
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = sale.OrganizationId,
            Trigger = CreditPurchaseTrigger.Bulk,
            PackCode = "bulk",
            Credits = sale.Credits,
            PriceMinor = total.Minor,
            CurrencyCode = total.Currency.Code,
            RequestKey = requestKey ?? $"bulk:{invoice.Id:N}",
            Status = CreditPurchaseStatus.Invoiced,
            InvoiceId = invoice.Id,
            GrantId = grant.Value.Id,
            RequestedBy = actor.UserId,
            CreatedAt = now,
        };
        db.CreditPurchases.Add(purchase);
        var due = invoice.DueAt ?? now;
        await notices.StageAsync(db, sale.OrganizationId, new BillingNotice("billing.invoice_issued", $"invoice_issued:{invoice.Id:N}", $"Invoice {invoice.Number} is ready",
            $"{credits.Format()} were added to your balance. Invoice {invoice.Number} for {total.Format()} is due on {BillingDates.Day(due, BillingDates.For(timeZone))}.", "/billing/invoices"), ct);
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException) when (requestKey is not null)
        {
            // The same request, sent twice at once: the other one sold; answer its sale.
            return await FirstSaleAsync(sale.OrganizationId, requestKey, ct) ?? throw new InvalidOperationException("A bulk sale failed to save, and no sale holds its key.");
        }

        var balance = await CreditBalances.ReadAsync(db, sale.OrganizationId, now, ct);
        feed.Publish(sale.OrganizationId, balance.Available, now, "purchase");
        return new BulkSaleResult(purchase.Id, invoice.Id, invoice.Number!, total, due, sale.Credits, grant.Value.Id, grant.Value.ExpiresAt, balance.Available);
    }

    /// <summary>The sale an earlier request with the same key made, answered again (with the balance as it is now).</summary>
    private async Task<BulkSaleResult?> FirstSaleAsync(Guid organizationId, string requestKey, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var purchase = await db.CreditPurchases.AsNoTracking().FirstOrDefaultAsync(p => p.OrganizationId == organizationId && p.RequestKey == requestKey, ct);
        if (purchase is not { InvoiceId: { } invoiceId, GrantId: { } grantId })
        {
            return null;
        }

        var invoice = await db.Invoices.AsNoTracking().Where(i => i.Id == invoiceId).Select(i => new { i.Number, i.DueAt, i.CreatedAt }).FirstAsync(ct);
        var expires = await db.CreditGrants.AsNoTracking().Where(g => g.Id == grantId).Select(g => g.ExpiresAt).FirstAsync(ct);
        var balance = await CreditBalances.ReadAsync(db, organizationId, clock.GetUtcNow(), ct);
        return new BulkSaleResult(purchase.Id, invoiceId, invoice.Number!, new Money(purchase.PriceMinor, Currency.FromCode(purchase.CurrencyCode)),
            invoice.DueAt ?? invoice.CreatedAt, purchase.Credits, grantId, expires, balance.Available);
    }

    internal static string Describe(long credits) => credits.ToString("N0", CultureInfo.InvariantCulture);
}
