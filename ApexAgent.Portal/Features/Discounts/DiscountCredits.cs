using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Credits;
using ApexAgent.Domain.Discounts;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Credits;
using ApexAgent.Portal.Features.Credits.Purchases;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Discounts;

/// <summary>
/// Codes that grant credits instead of money off: when the invoice that redeemed one is paid, the organisation gets a
/// promotional grant (12 months, like purchased credits), once per redemption (the grant's source is the redemption).
/// </summary>
public static class DiscountCredits
{
    /// <summary>Within the caller's transaction, right after <paramref name="invoice"/> was paid (or settled with nothing to pay).</summary>
    public static async Task GrantAsync(PortalDbContext db, Invoice invoice, string? grantedBy, DateTimeOffset now, CancellationToken ct)
    {
        var redemption = db.DiscountRedemptions.Local.FirstOrDefault(r => r.FirstInvoiceId == invoice.Id)
                         ?? await db.DiscountRedemptions.FirstOrDefaultAsync(r => r.FirstInvoiceId == invoice.Id, ct);
        if (redemption is not { CreditsGrantedAt: null })
        {
            return;
        }

        var code = await db.DiscountCodes.AsNoTracking().Where(c => c.Id == redemption.DiscountCodeId).Select(c => new { c.Code, c.Kind, c.Credits }).FirstAsync(ct);
        if (code.Kind != DiscountKind.Credits || code.Credits is not { } credits)
        {
            return;
        }

        var granted = await CreditBooks.GiveAsync(db, new GrantRequest(invoice.OrganizationId, GrantKind.Promotional, Millicredits.FromCredits(credits), now, CreditPack.ExpiryOf(now),
            $"code:{redemption.Id:N}", $"Code {code.Code}", grantedBy), now, ct);
        if (granted.IsSuccess)
        {
            redemption.MarkCreditsGranted(now);
        }
    }
}
