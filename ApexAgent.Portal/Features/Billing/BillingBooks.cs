using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Billing;

/// <summary>
/// The bookkeeping every billing flow shares, inside the caller's transaction: the billing account, the account
/// balance, and finalising an invoice with the next gapless number of its series and year.
/// </summary>
internal static class BillingBooks
{
    public static async Task<BillingAccount> AccountAsync(PortalDbContext db, Guid organizationId, DateTimeOffset now, CancellationToken ct)
    {
        var account = await db.BillingAccounts.FindAsync([organizationId], ct); // a batch preloads its accounts
        if (account is not null)
        {
            return account;
        }

        var organization = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == organizationId, ct);
        var owner = await (from m in db.Memberships
                           where m.OrganizationId == organizationId && m.Role == Domain.Accounts.OrganizationRole.Owner
                           join u in db.Users on m.UserId equals u.Id
                           orderby m.CreatedAt
                           select u.Email).FirstOrDefaultAsync(ct);
        account = new BillingAccount { OrganizationId = organizationId, BillingName = organization.Name, BillingEmail = owner, CreatedAt = now };
        db.BillingAccounts.Add(account);
        return account;
    }

    /// <summary>The account balance: credit the customer holds with us, the sum of its entries.</summary>
    public static async Task<Money> BalanceAsync(PortalDbContext db, Guid organizationId, Currency currency, CancellationToken ct)
    {
        var saved = await db.AccountBalanceEntries.Where(e => e.OrganizationId == organizationId && e.CurrencyCode == currency.Code).SumAsync(e => e.AmountMinor, ct);
        var staged = db.ChangeTracker.Entries<AccountBalanceEntry>()
            .Where(e => e.State == EntityState.Added && e.Entity.OrganizationId == organizationId && e.Entity.CurrencyCode == currency.Code)
            .Sum(e => e.Entity.AmountMinor);
        return new Money(saved + staged, currency);
    }

    public static void MoveBalance(PortalDbContext db, Guid organizationId, Money amount, string description, Guid? invoiceId, DateTimeOffset now) =>
        db.AccountBalanceEntries.Add(new AccountBalanceEntry
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = organizationId,
            AmountMinor = amount.Minor,
            CurrencyCode = amount.Currency.Code,
            Description = description,
            InvoiceId = invoiceId,
            CreatedAt = now,
        });

    /// <summary>Lets a draft consume the account balance (recorded as a balance entry and an invoice line).</summary>
    public static async Task ApplyBalanceAsync(PortalDbContext db, Invoice invoice, DateTimeOffset now, CancellationToken ct)
    {
        var balance = await BalanceAsync(db, invoice.OrganizationId, invoice.Currency, ct);
        var used = invoice.ApplyAccountBalance(balance);
        if (used.Minor > 0)
        {
            MoveBalance(db, invoice.OrganizationId, new Money(-used.Minor, used.Currency), "Applied to an invoice", invoice.Id, now);
        }
    }

    /// <summary>A discarded or voided invoice gives back the account balance it had taken.</summary>
    public static async Task ReturnBalanceAsync(PortalDbContext db, Invoice invoice, string description, CancellationToken ct)
    {
        var taken = await db.AccountBalanceEntries.Where(e => e.InvoiceId == invoice.Id).SumAsync(e => e.AmountMinor, ct);
        if (taken < 0)
        {
            MoveBalance(db, invoice.OrganizationId, new Money(-taken, invoice.Currency), description, invoice.Id, invoice.VoidedAt ?? invoice.CreatedAt);
        }
    }

    /// <summary>
    /// Numbers and freezes a draft. The caller's transaction holds the series row from the read to the commit
    /// (SQLite: BEGIN IMMEDIATE), so numbers are gapless and never given twice. A negative total (a downgrade applied
    /// at once) is credited to the account balance.
    /// </summary>
    public static async Task FinaliseAsync(PortalDbContext db, Invoice invoice, BillingAccount account, DateTimeOffset now, int daysUntilDue, CancellationToken ct)
    {
        var series = InvoiceNumber.SeriesOf(invoice.Kind);
        var row = await db.InvoiceNumberSeries.FindAsync([series, now.UtcDateTime.Year], ct); // tracked after the first of a batch
        if (row is null)
        {
            row = new InvoiceNumberSeries { Series = series, Year = now.UtcDateTime.Year };
            db.InvoiceNumberSeries.Add(row);
        }

        row.LastNumber++;
        invoice.Finalise(InvoiceNumber.Format(invoice.Kind, row.Year, row.LastNumber), Buyer(account), now, daysUntilDue);
        if (invoice.Kind == InvoiceKind.Invoice && invoice.TotalMinor < 0)
        {
            MoveBalance(db, invoice.OrganizationId, new Money(-invoice.TotalMinor, invoice.Currency), $"Credit from invoice {invoice.Number}", invoice.Id, now);
        }
    }

    public static BillingBuyer Buyer(BillingAccount account) =>
        new(account.BillingName, account.BillingEmail, account.Address, account.TaxId);
}
