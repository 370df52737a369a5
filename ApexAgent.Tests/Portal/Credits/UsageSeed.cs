using ApexAgent.Domain.Credits;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Credits;
using ApexAgent.Tests.TestSupport;

namespace ApexAgent.Tests.Portal.Credits;

/// <summary>Writes roll-up rows and grants straight into the database, as the usage writer and the grant jobs would have.</summary>
internal static class UsageSeed
{
    public static Task<int> DaysAsync(PortalFactory factory, Guid org, IEnumerable<(DateOnly Day, string Feature, string UserId, long Used)> rows) =>
        factory.WithDbAsync(db =>
        {
            foreach (var (day, feature, userId, used) in rows)
            {
                db.UsageDays.Add(new UsageDay { OrganizationId = org, Day = day, Feature = feature, UserId = userId, Events = 1 + (used / 1000), QuantityThousandths = used, Used = used });
            }

            return db.SaveChangesAsync();
        });

    public static Task<Grant> GrantAsync(PortalFactory factory, Guid org, GrantKind kind, long amount, DateTimeOffset startsAt, DateTimeOffset expiresAt, long? remaining = null, long expired = 0) =>
        factory.WithDbAsync(async db =>
        {
            var grant = new Grant
            {
                Id = Guid.NewGuid(), OrganizationId = org, Kind = kind, Amount = amount, Remaining = remaining ?? amount, StartsAt = startsAt, ExpiresAt = expiresAt,
                Source = $"test:{Guid.NewGuid():N}", Description = "Test grant", CreatedAt = startsAt, Expired = expired,
            };
            db.CreditGrants.Add(grant);
            db.CreditEntries.Add(new CreditEntry { OrganizationId = org, Kind = LedgerEntryKind.Granted, GrantId = grant.Id, GrantKind = kind, Change = amount, At = startsAt, Note = "test" });
            await db.SaveChangesAsync();
            return grant;
        });

    /// <summary>Uses <paramref name="amount"/> millicredits of the grant: a Used entry and its lower remainder in one SaveChanges.</summary>
    public static Task<int> UseAsync(PortalFactory factory, Guid grantId, long amount, DateTimeOffset at) =>
        factory.WithDbAsync(async (PortalDbContext db) =>
        {
            var grant = await db.CreditGrants.FindAsync(grantId);
            grant!.Remaining -= amount;
            db.CreditEntries.Add(new CreditEntry { OrganizationId = grant.OrganizationId, Kind = LedgerEntryKind.Used, GrantId = grant.Id, GrantKind = grant.Kind, Change = -amount, At = at, Note = "test" });
            return await db.SaveChangesAsync();
        });
}
