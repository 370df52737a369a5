using ApexAgent.Domain.Common;
using ApexAgent.Domain.Credits;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Credits;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Tests.Portal.Credits;

/// <summary>Grants and ledger reads for credits tests, through the real ledger code.</summary>
internal static class CreditsTestData
{
    public static Task<Guid> GiveAsync(PortalFactory factory, Guid organizationId, GrantKind kind, decimal credits, TimeSpan lasts, TimeSpan? startsIn = null) =>
        factory.WithDbAsync(async db => await GiveAsync(db, organizationId, kind, new Millicredits((long)(credits * 1000m)), factory.Now + (startsIn ?? TimeSpan.FromMinutes(-10)), factory.Now + lasts, factory.Now));

    public static async Task<Guid> GiveAsync(PortalDbContext db, Guid organizationId, GrantKind kind, Millicredits amount, DateTimeOffset startsAt, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        var given = await CreditBooks.GiveAsync(db, new GrantRequest(organizationId, kind, amount, startsAt, expiresAt, $"test:{Guid.NewGuid():N}", $"Test {kind} grant"), now, CancellationToken.None);
        Assert.True(given.IsSuccess, given.Error?.Message);
        await db.SaveChangesAsync();
        return given.Value.Id;
    }

    /// <summary>
    /// A new account with no credits at all, as if it had been opened before credits existed. Every organisation is given
    /// its plan's credits at sign-up (ADR 0013); tests that count credits and ledger entries from zero remove those
    /// first. Test arrangement only: the product never deletes ledger rows.
    /// </summary>
    public static async Task<TestAccount> NewAccountWithoutCreditsAsync(PortalFactory factory, ApexAgent.Domain.Catalog.TierCode tier = ApexAgent.Domain.Catalog.TierCode.Free, ApexAgent.Domain.Accounts.PlatformRole? role = null)
    {
        var account = await factory.CreateAccountAsync(tier, role);
        await factory.WithDbAsync(async db =>
        {
            await db.CreditEntries.Where(e => e.OrganizationId == account.OrganizationId).ExecuteDeleteAsync();
            return await db.CreditGrants.Where(g => g.OrganizationId == account.OrganizationId).ExecuteDeleteAsync();
        });
        return account;
    }

    public static Task SetOverdraftAsync(PortalFactory factory, Guid organizationId, decimal credits) =>
        factory.WithDbAsync(async db =>
        {
            db.CreditPools.Add(new CreditPool { OrganizationId = organizationId, OverdraftAllowance = new Millicredits((long)(credits * 1000m)).Value });
            return await db.SaveChangesAsync();
        });

    public static Task<long> RemainingAsync(PortalFactory factory, Guid grantId) =>
        factory.WithDbAsync(db => db.CreditGrants.Where(g => g.Id == grantId).Select(g => g.Remaining).SingleAsync());

    public static Task<(int Entries, int Events, long Remaining)> LedgerAsync(PortalFactory factory, Guid organizationId) =>
        factory.WithDbAsync(async db => (
            await db.CreditEntries.CountAsync(e => e.OrganizationId == organizationId),
            await db.UsageEvents.CountAsync(e => e.OrganizationId == organizationId),
            await db.CreditGrants.Where(g => g.OrganizationId == organizationId).SumAsync(g => g.Remaining)));

    /// <summary>Every grant's Remaining equals the sum of its entries; the pool's entries sum to the grants' remainders less the overdraft drawn.</summary>
    public static async Task AssertBooksBalanceAsync(PortalFactory factory, Guid organizationId)
    {
        await factory.WithDbAsync(async db =>
        {
            var grants = await db.CreditGrants.AsNoTracking().Where(g => g.OrganizationId == organizationId).ToListAsync();
            var entries = await db.CreditEntries.AsNoTracking().Where(e => e.OrganizationId == organizationId).ToListAsync();
            foreach (var grant in grants)
            {
                Assert.Equal(entries.Where(e => e.GrantId == grant.Id).Sum(e => e.Change), grant.Remaining);
                Assert.True(grant.Remaining >= 0, $"Grant {grant.Id} went below zero: {grant.Remaining}");
            }

            var overdrawn = await db.CreditPools.Where(p => p.OrganizationId == organizationId).Select(p => (long?)p.Overdrawn).SingleOrDefaultAsync() ?? 0;
            Assert.Equal(-entries.Where(e => e.GrantId == null).Sum(e => e.Change), overdrawn);
            Assert.Equal(grants.Sum(g => g.Remaining) - overdrawn, entries.Sum(e => e.Change));
            return 0;
        });
    }
}
