using ApexAgent.Domain.Tax;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Billing;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Tax;

/// <summary>Reads the tax profiles of many organisations at once: two queries (billing accounts with a country, and exemptions in force).</summary>
public static class TaxProfiles
{
    public static async Task<Dictionary<Guid, TaxProfile>> LoadAsync(PortalDbContext db, IReadOnlyCollection<Guid> organizationIds, DateTimeOffset at, CancellationToken ct)
    {
        var ids = organizationIds.Distinct().ToList();
        var accounts = await db.BillingAccounts.AsNoTracking()
            .Where(a => ids.Contains(a.OrganizationId) && a.Country != null)
            .Select(a => new { a.OrganizationId, a.Country, a.Region, a.PostalCode, a.TaxStatus, a.TaxId })
            .ToListAsync(ct);
        if (accounts.Count == 0)
        {
            return [];
        }

        var taxed = accounts.Select(a => a.OrganizationId).ToList();
        var exemptions = (await db.TaxExemptionCertificates.AsNoTracking()
                .Where(c => taxed.Contains(c.OrganizationId) && c.Status == TaxExemptionStatus.Approved)
                .Select(c => new { c.OrganizationId, c.Jurisdiction, c.CertificateNumber, c.ExpiresAt })
                .ToListAsync(ct))
            .Where(c => at < c.ExpiresAt)
            .ToLookup(c => c.OrganizationId, c => new TaxExemption(c.Jurisdiction, c.CertificateNumber));
        return accounts.ToDictionary(a => a.OrganizationId, a => new TaxProfile(a.Country, a.Region, a.PostalCode, a.TaxStatus, a.TaxId, exemptions[a.OrganizationId].ToList()));
    }

    public static TaxProfile Of(BillingAccount account, IReadOnlyList<TaxExemption> exemptions) =>
        new(account.Country, account.Region, account.PostalCode, account.TaxStatus, account.TaxId, exemptions);
}
