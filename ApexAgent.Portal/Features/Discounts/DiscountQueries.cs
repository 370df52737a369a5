using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Discounts;
using ApexAgent.Portal.Data;

namespace ApexAgent.Portal.Features.Discounts;

/// <summary>Shared queries: a redemption counts (against limits, in reports) unless its first invoice was abandoned (void draft).</summary>
public static class DiscountQueries
{
    public static IQueryable<DiscountRedemption> LiveRedemptions(PortalDbContext db) =>
        db.DiscountRedemptions.Where(r => db.Invoices.Any(i => i.Id == r.FirstInvoiceId && i.Status != InvoiceStatus.Void));
}
