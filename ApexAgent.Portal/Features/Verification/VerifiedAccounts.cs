using ApexAgent.Domain.Accounts;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Billing.Pricing;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Verification;

/// <summary>
/// Which organisations hold an approved education or healthcare verification at an instant: approved at or before it
/// and expiring after it (the latest expiry wins when a renewal overlaps). One query for a whole renewal batch.
/// </summary>
public sealed class VerifiedAccounts : IVerifiedAccounts
{
    public Task<IReadOnlyDictionary<Guid, VerifiedAccount>> VerifiedAtAsync(PortalDbContext db, IReadOnlyCollection<Guid> organizationIds, DateTimeOffset at, CancellationToken ct) =>
        QueryAsync(db, organizationIds, at, ct);

    internal static async Task<IReadOnlyDictionary<Guid, VerifiedAccount>> QueryAsync(PortalDbContext db, IReadOnlyCollection<Guid> organizationIds, DateTimeOffset at, CancellationToken ct)
    {
        if (organizationIds.Count == 0)
        {
            return new Dictionary<Guid, VerifiedAccount>();
        }

        var ids = organizationIds as ICollection<Guid> ?? organizationIds.ToList();
        var rows = await db.VerificationApplications.AsNoTracking()
            .Where(a => ids.Contains(a.OrganizationId) && a.Status == VerificationStatus.Approved && a.DecidedAt <= at && a.ExpiresAt > at)
            .Select(a => new { a.OrganizationId, a.Type, a.ExpiresAt })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.OrganizationId).ToDictionary(
            g => g.Key,
            g => g.OrderByDescending(r => r.ExpiresAt).Select(r => new VerifiedAccount(r.Type, r.ExpiresAt!.Value)).First());
    }
}
