using ApexAgent.Domain.Billing;
using ApexAgent.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Credits.Purchases;

/// <summary>
/// Follows purchases whose end is decided elsewhere: a bulk invoice paid (done), voided or written off (the unused
/// credits are clawed back), and a pack charge the processor never answered, whose draft the billing run reconciled
/// and discarded (the purchase fails; money taken was refunded by that run).
/// </summary>
public sealed class CreditPurchaseSweep(IDbContextFactory<PortalDbContext> dbFactory, CreditFeed feed, TimeProvider clock)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var open = await (from p in db.CreditPurchases
                          where p.Status == CreditPurchaseStatus.Invoiced || p.Status == CreditPurchaseStatus.Charging
                          join i in db.Invoices on p.InvoiceId equals i.Id
                          where i.Status != InvoiceStatus.Open && i.Status != InvoiceStatus.Draft
                          select new { Purchase = p, i.Status, i.Number }).ToListAsync(ct);
        var touched = new HashSet<Guid>();
        foreach (var item in open)
        {
            var purchase = item.Purchase;
            purchase.CompletedAt = now;
            if (item.Status == InvoiceStatus.Paid)
            {
                purchase.Status = CreditPurchaseStatus.Paid;
                continue;
            }

            if (purchase.Status == CreditPurchaseStatus.Charging)
            {
                purchase.Status = CreditPurchaseStatus.Failed;
                purchase.FailureCode = "payment_not_confirmed";
                purchase.FailureMessage = "The payment processor did not confirm the payment, so no credits were bought and anything charged was returned.";
                continue;
            }

            purchase.Status = CreditPurchaseStatus.Voided;
            if (purchase.GrantId is { } grantId && await db.CreditGrants.FirstOrDefaultAsync(g => g.Id == grantId, ct) is { } grant)
            {
                CreditBooks.ClawBack(db, grant, new(grant.Remaining), $"Invoice {item.Number} was {(item.Status == InvoiceStatus.Void ? "voided" : "written off")}", now);
                touched.Add(purchase.OrganizationId);
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        foreach (var organizationId in touched)
        {
            feed.Publish(organizationId, (await CreditBalances.ReadAsync(db, organizationId, now, ct)).Available, now, "claw_back");
        }

        return open.Count;
    }
}
