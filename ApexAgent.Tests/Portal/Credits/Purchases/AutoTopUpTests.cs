using ApexAgent.Domain.Common;
using ApexAgent.Portal.Features.Credits.Purchases;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApexAgent.Tests.Portal.Credits.Purchases;

/// <summary>Auto top-up: once per crossing, at most N a month, never twice at once, paused by a failure until the card changes.</summary>
public sealed class AutoTopUpTests(PurchaseFixture portal) : IClassFixture<PurchaseFixture>
{
    private async Task<TestAccount> ArmedAsync(string card, long startCredits, long threshold, string pack, int limit)
    {
        var owner = await portal.OwnerAsync(card);
        await portal.GiveAsync(owner.OrganizationId, startCredits);
        var saved = await portal.AutoTopUp.SaveAsync(owner.Actor, new AutoTopUpChange(true, threshold, pack, limit), CancellationToken.None);
        Assert.True(saved.IsSuccess, saved.Error?.Message);
        await PurchaseFixture.SettleListenersAsync();
        return owner;
    }

    [Fact]
    public async Task It_buys_once_per_crossing_and_at_most_the_monthly_limit_then_again_next_month()
    {
        var owner = await ArmedAsync(BillingHarness.Good, startCredits: 800, threshold: 500, pack: "pack-1000", limit: 2);
        Assert.Empty(await portal.PurchasesOfAsync(owner.OrganizationId)); // 800 ≥ 500: nothing to do

        await portal.SpendAsync(owner.OrganizationId, 400); // 400 < 500: one top-up → 1,400
        var first = await portal.SettledAsync(owner.OrganizationId, 1);
        Assert.Equal(CreditPurchaseStatus.Paid, Assert.Single(first).Status);
        Assert.Equal(1_400_000, await portal.AvailableAsync(owner.OrganizationId));

        // Still over the threshold: more usage and repeated events buy nothing.
        await portal.SpendAsync(owner.OrganizationId, 100);
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => portal.PublishAsync(owner.OrganizationId)));
        await PurchaseFixture.SettleListenersAsync();
        Assert.Single(await portal.PurchasesOfAsync(owner.OrganizationId));

        await portal.SpendAsync(owner.OrganizationId, 900); // 400 → second top-up → 1,400
        Assert.Equal(2, (await portal.SettledAsync(owner.OrganizationId, 2)).Count(p => p.Status == CreditPurchaseStatus.Paid));

        await portal.SpendAsync(owner.OrganizationId, 1_000); // 400, but the limit of 2 is reached
        await PurchaseFixture.SettleListenersAsync();
        Assert.Equal(2, (await portal.PurchasesOfAsync(owner.OrganizationId)).Count);
        var settings = (await portal.AutoTopUp.GetAsync(owner.Actor, CancellationToken.None)).Value;
        Assert.Equal((2, 2), (settings.UsedThisMonth, settings.MonthlyLimit));

        // A new calendar month (organisation time zone, UTC here): the periodic check buys again.
        portal.Clock.Advance(new DateTimeOffset(2026, 12, 1, 0, 0, 1, TimeSpan.Zero) - portal.Now);
        await portal.AutoTopUp.CheckAllAsync(CancellationToken.None);
        var purchases = await portal.SettledAsync(owner.OrganizationId, 3);
        Assert.Equal(3, purchases.Count(p => p.Status == CreditPurchaseStatus.Paid));
        Assert.StartsWith("auto:2026-12:", purchases[^1].RequestKey);
        Assert.Equal(1_400_000, await portal.AvailableAsync(owner.OrganizationId));
        Assert.Equal(1, (await portal.AutoTopUp.GetAsync(owner.Actor, CancellationToken.None)).Value.UsedThisMonth);
    }

    [Fact]
    public async Task Two_instances_checking_at_once_buy_one_pack()
    {
        var owner = await ArmedAsync(BillingHarness.Good, startCredits: 2_000, threshold: 1_000, pack: "pack-1000", limit: 10);
        await portal.DbAsync(async db =>
        {
            // Lower the balance without publishing: only the checks below may buy.
            var grant = await db.CreditGrants.SingleAsync(g => g.OrganizationId == owner.OrganizationId && g.Remaining > 0);
            ApexAgent.Portal.Features.Credits.CreditBooks.ClawBack(db, grant, Millicredits.FromCredits(1_500), "test usage", portal.Now);
            return await db.SaveChangesAsync();
        });

        // Each service stands for one app instance with its own in-memory guard; the database is the only thing they share.
        var instances = Enumerable.Range(0, 4).Select(_ => ActivatorUtilities.CreateInstance<AutoTopUpService>(portal.Factory.Services)).ToList();
        var results = await Task.WhenAll(instances.SelectMany(i => new[] { i.CheckAsync(owner.OrganizationId, CancellationToken.None), i.CheckAsync(owner.OrganizationId, CancellationToken.None) }));

        Assert.Single(results, r => r is { IsSuccess: true });
        var purchases = await portal.SettledAsync(owner.OrganizationId, 1);
        Assert.Single(purchases);
        Assert.Equal(1, await portal.ChargesOfAsync(owner.OrganizationId));
        Assert.Equal(1_500_000, await portal.AvailableAsync(owner.OrganizationId));
    }

    [Fact]
    public async Task A_failed_top_up_notifies_the_owner_and_pauses_until_the_payment_method_changes_then_resumes()
    {
        var owner = await ArmedAsync(BillingHarness.Declined, startCredits: 600, threshold: 500, pack: "pack-5000", limit: 3);

        await portal.SpendAsync(owner.OrganizationId, 200);
        var failed = Assert.Single(await portal.SettledAsync(owner.OrganizationId, 1));
        Assert.Equal((CreditPurchaseStatus.Failed, "payment_failed"), (failed.Status, failed.FailureCode));
        var pool = await portal.DbAsync(db => db.CreditPools.AsNoTracking().SingleAsync(p => p.OrganizationId == owner.OrganizationId));
        Assert.NotNull(pool.AutoTopUpFailedAt);
        Assert.Single(await portal.DbAsync(db => db.Notifications.AsNoTracking().Where(n => n.UserId == owner.UserId && n.Kind == "credits.auto_top_up_failed").ToListAsync()));
        Assert.Contains(await portal.DbAsync(db => db.EmailOutbox.AsNoTracking().Where(m => m.To == owner.Email).Select(m => m.Subject).ToListAsync()), s => s.Contains("Auto top-up failed"));
        var settings = (await portal.AutoTopUp.GetAsync(owner.Actor, CancellationToken.None)).Value;
        Assert.NotNull(settings.FailedAt);

        // No retries while paused, however often the balance moves or the periodic check runs.
        await portal.SpendAsync(owner.OrganizationId, 100);
        await portal.AutoTopUp.CheckAllAsync(CancellationToken.None);
        await PurchaseFixture.SettleListenersAsync();
        Assert.Single(await portal.PurchasesOfAsync(owner.OrganizationId));

        // A new default card clears the pause and the top-up happens.
        await portal.AddCardAsync(owner, BillingHarness.Good);
        var purchases = await portal.SettledAsync(owner.OrganizationId, 2);
        Assert.Equal(CreditPurchaseStatus.Paid, purchases[^1].Status);
        Assert.Null((await portal.AutoTopUp.GetAsync(owner.Actor, CancellationToken.None)).Value.FailedAt);
        Assert.Equal(5_300_000, await portal.AvailableAsync(owner.OrganizationId));
    }

    [Theory]
    [InlineData(500, "pack-1000", 0, "monthlyLimit")]
    [InlineData(500, "pack-1000", 11, "monthlyLimit")]
    [InlineData(-1, "pack-1000", 3, "threshold")]
    [InlineData(1_001, "pack-1000", 3, "threshold")]
    [InlineData(500, "pack-7", 3, "pack")]
    public async Task Bad_settings_are_refused_and_nothing_changes(long threshold, string pack, int limit, string field)
    {
        var owner = await portal.OwnerAsync();
        var refused = await portal.AutoTopUp.SaveAsync(owner.Actor, new AutoTopUpChange(true, threshold, pack, limit), CancellationToken.None);
        Assert.True(refused.Error?.Fields.ContainsKey(field), refused.Error?.Code);
        Assert.False(await portal.DbAsync(db => db.CreditPools.AnyAsync(p => p.OrganizationId == owner.OrganizationId && p.AutoTopUpEnabled)));
    }

    [Fact]
    public async Task Turning_auto_top_up_on_needs_a_payment_method_and_the_owner()
    {
        var owner = await portal.OwnerAsync(card: null);
        Assert.Equal("payment_method_required", (await portal.AutoTopUp.SaveAsync(owner.Actor, new AutoTopUpChange(true, 100, "pack-1000", 3), CancellationToken.None)).Error?.Code);

        var scenario = await OrganizationScenario.CreateAsync(portal.Factory, "Top-up Co");
        var admin = await portal.AutoTopUp.SaveAsync(scenario.Admin.Actor, new AutoTopUpChange(false, 100, "pack-1000", 3), CancellationToken.None);
        Assert.Equal(ErrorKind.Forbidden, admin.Error?.Kind);
        Assert.True((await portal.AutoTopUp.GetAsync(scenario.SalesMember.Actor, CancellationToken.None)).IsSuccess); // every member may read it
    }
}
