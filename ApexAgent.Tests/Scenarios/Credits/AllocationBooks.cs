using ApexAgent.Domain.Credits;
using ApexAgent.Portal.Features.Credits;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Tests.Scenarios.Credits;

/// <summary>Reads of the credit books for allocation tests, and the ledger invariants every test checks.</summary>
internal static class AllocationBooks
{
    public static Task<List<Grant>> GrantsAsync(PortalFactory factory, Guid organizationId) =>
        factory.WithDbAsync(db => db.CreditGrants.AsNoTracking().Where(g => g.OrganizationId == organizationId).ToListAsync())
            .ContinueWith(t => t.Result.OrderBy(g => g.StartsAt).ThenBy(g => g.CreatedAt).ToList(), TaskScheduler.Default);

    public static Task<List<CreditEntry>> EntriesAsync(PortalFactory factory, Guid organizationId) =>
        factory.WithDbAsync(db => db.CreditEntries.AsNoTracking().Where(e => e.OrganizationId == organizationId).OrderBy(e => e.Id).ToListAsync());

    public static async Task PassAsync(PortalFactory factory) => await factory.Get<CreditAllocationPass>().RunAsync(CancellationToken.None);

    /// <summary>Every grant's Remaining is the sum of its entries, never negative; the pool's balance is the sum of all entries.</summary>
    public static async Task AssertBooksBalanceAsync(PortalFactory factory, Guid organizationId, string context = "")
    {
        var grants = await GrantsAsync(factory, organizationId);
        var entries = await EntriesAsync(factory, organizationId);
        foreach (var grant in grants)
        {
            var sum = entries.Where(e => e.GrantId == grant.Id).Sum(e => e.Change);
            Assert.True(sum == grant.Remaining, $"{context} grant {grant.Source}: entries {sum} ≠ remaining {grant.Remaining}");
            Assert.True(grant.Remaining >= 0, $"{context} grant {grant.Source} is negative");
            Assert.Equal(grant.Amount, entries.Where(e => e.GrantId == grant.Id && e.Kind == LedgerEntryKind.Granted).Sum(e => e.Change));
        }

        Assert.Equal(grants.Sum(g => g.Remaining), entries.Where(e => e.GrantId != null).Sum(e => e.Change));
    }
}
