using ApexAgent.Domain.Common;
using ApexAgent.Domain.Credits;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Billing.Payments;
using ApexAgent.Portal.Features.Credits;
using ApexAgent.Portal.Features.Credits.Purchases;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

using ApexAgent.Tests.Portal.Credits;

namespace ApexAgent.Tests.Portal.Credits.Purchases;

/// <summary>One portal on a fake clock for the purchase tests (no background billing run, no periodic purchase check): each test makes its own organisations.</summary>
public sealed class PurchaseFixture : IAsyncLifetime
{
    public const string AuthenticationCard = "4000002500003155";

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 10, 9, 0, 0, TimeSpan.Zero));

    public PortalFactory Factory { get; private set; } = default!;

    public DateTimeOffset Now => Clock.GetUtcNow();

    public CreditPurchaseService Purchases => Factory.Get<CreditPurchaseService>();

    public AutoTopUpService AutoTopUp => Factory.Get<AutoTopUpService>();

    public Task InitializeAsync()
    {
        Factory = new PortalFactory(clock: Clock, settings: new Dictionary<string, string?> { ["Billing:ScheduleRuns"] = "false", ["Credits:PurchaseCheckSeconds"] = "0" });
        _ = Factory.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();

    /// <summary>A new personal organisation whose owner saved <paramref name="card"/> as the default (null: no card).</summary>
    public async Task<TestAccount> OwnerAsync(string? card = BillingHarness.Good, ApexAgent.Domain.Catalog.TierCode tier = ApexAgent.Domain.Catalog.TierCode.Free)
    {
        var account = await CreditsTestData.NewAccountWithoutCreditsAsync(Factory, tier);
        if (card is not null)
        {
            await AddCardAsync(account, card);
        }

        return account;
    }

    public async Task AddCardAsync(TestAccount account, string card)
    {
        var added = await Factory.Get<PaymentMethodService>().AddAsync(account.Actor, BillingHarness.Token(card, Now), makeDefault: true, CancellationToken.None);
        Assert.True(added.IsSuccess, added.Error?.Message);
    }

    public Task<T> DbAsync<T>(Func<PortalDbContext, Task<T>> read) => Factory.WithDbAsync(read);

    public Task<List<CreditPurchase>> PurchasesOfAsync(Guid organizationId) =>
        DbAsync(db => db.CreditPurchases.AsNoTracking().Where(p => p.OrganizationId == organizationId).OrderBy(p => p.CreatedAt).ToListAsync());

    /// <summary>The organisation's purchased grants (packs and bulk purchases; the plan's own grants are not counted).</summary>
    public Task<List<Grant>> GrantsOfAsync(Guid organizationId) =>
        DbAsync(db => db.CreditGrants.AsNoTracking().Where(g => g.OrganizationId == organizationId && g.Kind == GrantKind.Purchased).OrderBy(g => g.CreatedAt).ToListAsync());

    public Task<int> ChargesOfAsync(Guid organizationId) =>
        DbAsync(db => db.Payments.CountAsync(p => p.OrganizationId == organizationId && p.Kind == ApexAgent.Portal.Features.Billing.PaymentKind.Charge));

    public async Task<long> AvailableAsync(Guid organizationId) =>
        (await Factory.Get<CreditBalances>().GetAsync(organizationId, CancellationToken.None)).Available.Value;

    /// <summary>Gives promotional credits (as support would), then publishes the balance.</summary>
    public async Task GiveAsync(Guid organizationId, long credits)
    {
        await DbAsync(async db =>
        {
            var given = await CreditBooks.GiveAsync(db, new GrantRequest(organizationId, GrantKind.Promotional, Millicredits.FromCredits(credits), Now, Now.AddYears(2),
                $"test:{Guid.NewGuid():N}", "Test credits"), Now, CancellationToken.None);
            Assert.True(given.IsSuccess, given.Error?.Message);
            await db.SaveChangesAsync();
            return 0;
        });
        await PublishAsync(organizationId);
    }

    /// <summary>Lowers the balance by <paramref name="credits"/> (claws back from live grants, soonest expiry first), then publishes it, as usage would.</summary>
    public async Task SpendAsync(Guid organizationId, long credits)
    {
        await DbAsync(async db =>
        {
            var left = Millicredits.FromCredits(credits).Value;
            var grants = await db.CreditGrants.Where(g => g.OrganizationId == organizationId && g.Remaining > 0).OrderBy(g => g.ExpiresAt).ToListAsync();
            foreach (var grant in grants.TakeWhile(_ => left > 0))
            {
                left -= CreditBooks.ClawBack(db, grant, new Millicredits(left), "test usage", Now).Value;
            }

            await db.SaveChangesAsync();
            return 0;
        });
        await PublishAsync(organizationId);
    }

    public async Task PublishAsync(Guid organizationId) =>
        Factory.Get<CreditFeed>().Publish(organizationId, new Millicredits(await AvailableAsync(organizationId)), Now, "usage");

    /// <summary>Waits (up to 10 s) until the organisation has <paramref name="count"/> settled purchases (auto top-up runs off the feed).</summary>
    public async Task<List<CreditPurchase>> SettledAsync(Guid organizationId, int count)
    {
        for (var i = 0; i < 200; i++)
        {
            var purchases = await PurchasesOfAsync(organizationId);
            if (purchases.Count(p => p.Status != CreditPurchaseStatus.Charging) >= count && purchases.All(p => p.Status != CreditPurchaseStatus.Charging))
            {
                return purchases;
            }

            await Task.Delay(50);
        }

        return await PurchasesOfAsync(organizationId);
    }

    /// <summary>Lets in-flight feed listeners finish, so that a test can assert that nothing more happened.</summary>
    public static Task SettleListenersAsync() => Task.Delay(400);
}
