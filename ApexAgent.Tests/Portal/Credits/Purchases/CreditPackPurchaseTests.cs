using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Credits;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Credits;
using ApexAgent.Portal.Features.Credits.Purchases;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Tests.Portal.Credits.Purchases;

/// <summary>One-click credit packs: charged once, invoiced, granted in the payment's transaction, expiring 12 months later.</summary>
public sealed class CreditPackPurchaseTests(PurchaseFixture portal) : IClassFixture<PurchaseFixture>
{
    [Theory]
    [InlineData("pack-1000", 1_000, 10_00)]
    [InlineData("pack-5000", 5_000, 45_00)]
    [InlineData("pack-20000", 20_000, 160_00)]
    public async Task A_pack_bought_in_one_click_is_charged_once_invoiced_and_granted_for_12_months(string code, long credits, long priceMinor)
    {
        var owner = await portal.OwnerAsync();
        var before = await portal.AvailableAsync(owner.OrganizationId);

        var bought = await portal.Purchases.BuyAsync(owner.Actor, code, null, CancellationToken.None);

        Assert.True(bought.IsSuccess, bought.Error?.Message);
        Assert.Equal(before + credits * 1_000, bought.Value.Balance.Value);
        Assert.Equal(bought.Value.Balance.Value, await portal.AvailableAsync(owner.OrganizationId));
        var invoice = await portal.DbAsync(db => db.Invoices.AsNoTracking().Include(i => i.Lines).SingleAsync(i => i.Id == bought.Value.InvoiceId));
        Assert.Equal((InvoiceStatus.Paid, InvoicePurpose.CreditPurchase, priceMinor), (invoice.Status, invoice.Purpose, invoice.TotalMinor));
        Assert.StartsWith("APX-", invoice.Number);
        Assert.Equal(invoice.Number, bought.Value.InvoiceNumber);
        var line = Assert.Single(invoice.Lines);
        Assert.Equal((InvoiceLineKind.CreditPack, credits), (line.Kind, line.Quantity));
        Assert.Equal(1, await portal.ChargesOfAsync(owner.OrganizationId));

        var grant = Assert.Single(await portal.GrantsOfAsync(owner.OrganizationId));
        Assert.Equal((GrantKind.Purchased, credits * 1_000, $"pack:{invoice.Id}"), (grant.Kind, grant.Amount, grant.Source));
        Assert.Equal(portal.Now.AddMonths(12), grant.ExpiresAt);
        Assert.Equal(grant.Id, bought.Value.GrantId);
        var entries = await portal.DbAsync(db => db.CreditEntries.Where(e => e.GrantId == grant.Id).SumAsync(e => e.Change));
        Assert.Equal(grant.Remaining, entries);
    }

    [Fact]
    public async Task Purchased_credits_can_be_used_until_12_months_after_purchase_and_not_after()
    {
        var owner = await portal.OwnerAsync();
        var bought = await portal.Purchases.BuyAsync(owner.Actor, "pack-1000", null, CancellationToken.None);
        Assert.True(bought.IsSuccess, bought.Error?.Message);
        var expires = bought.Value.ExpiresAt!.Value;
        Assert.Equal(portal.Now.AddMonths(12), expires);

        await portal.DbAsync(async db =>
        {
            Assert.Equal(1_000_000, (await CreditBalances.ReadAsync(db, owner.OrganizationId, expires.AddTicks(-1), CancellationToken.None)).Available.Value);
            Assert.Equal(0, (await CreditBalances.ReadAsync(db, owner.OrganizationId, expires, CancellationToken.None)).Available.Value);
            return 0;
        });
    }

    [Fact]
    public async Task A_double_click_with_one_key_or_two_concurrent_requests_charge_once_and_grant_once()
    {
        var owner = await portal.OwnerAsync();
        var key = Guid.NewGuid().ToString("N");
        var twice = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => portal.Purchases.BuyAsync(owner.Actor, "pack-5000", key, CancellationToken.None)));
        Assert.All(twice, r => Assert.True(r.IsSuccess, r.Error?.Message));
        Assert.Single(twice.Select(r => r.Value.PurchaseId).Distinct());
        Assert.Equal(3, twice.Count(r => r.Value.Repeated));

        // No key: the same person clicking the same pack again within the double-click window gets the first answer.
        var noKey = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => portal.Purchases.BuyAsync(owner.Actor, "pack-1000", null, CancellationToken.None)));
        Assert.All(noKey, r => Assert.True(r.IsSuccess || r.Error.Code == "purchase_in_progress", r.Error?.Message));
        Assert.Single(noKey.Where(r => r.IsSuccess).Select(r => r.Value.PurchaseId).Distinct());

        Assert.Equal(2, await portal.ChargesOfAsync(owner.OrganizationId));
        Assert.Equal(2, (await portal.GrantsOfAsync(owner.OrganizationId)).Count);
        Assert.Equal(6_000_000, await portal.AvailableAsync(owner.OrganizationId));

        // After the window a new click is a new purchase.
        portal.Clock.Advance(CreditPurchaseService.DoubleClickWindow + TimeSpan.FromSeconds(1));
        Assert.True((await portal.Purchases.BuyAsync(owner.Actor, "pack-1000", null, CancellationToken.None)).IsSuccess);
        Assert.Equal(3, await portal.ChargesOfAsync(owner.OrganizationId));
        Assert.Equal(7_000_000, await portal.AvailableAsync(owner.OrganizationId));
    }

    [Fact]
    public async Task A_declined_card_buys_nothing_says_why_and_leaves_no_numbered_invoice()
    {
        var owner = await portal.OwnerAsync(BillingHarness.Declined);

        var refused = await portal.Purchases.BuyAsync(owner.Actor, "pack-5000", null, CancellationToken.None);

        Assert.False(refused.IsSuccess);
        Assert.Equal(("payment_failed", ErrorKind.PaymentRequired), (refused.Error.Code, refused.Error.Kind));
        Assert.Contains("No credits were bought", refused.Error.Message);
        Assert.Empty(await portal.GrantsOfAsync(owner.OrganizationId));
        Assert.Equal(0, await portal.AvailableAsync(owner.OrganizationId));
        var invoice = await portal.DbAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.OrganizationId == owner.OrganizationId));
        Assert.Equal((InvoiceStatus.Void, null), (invoice.Status, invoice.Number));
        Assert.Equal(CreditPurchaseStatus.Failed, Assert.Single(await portal.PurchasesOfAsync(owner.OrganizationId)).Status);

        // Nothing is left charging: with a good card the next click goes through.
        await portal.AddCardAsync(owner, BillingHarness.Good);
        Assert.True((await portal.Purchases.BuyAsync(owner.Actor, "pack-5000", null, CancellationToken.None)).IsSuccess);
        Assert.Equal(5_000_000, await portal.AvailableAsync(owner.OrganizationId));
    }

    [Fact]
    public async Task A_card_that_asks_for_bank_authentication_is_refused_with_a_clear_message_and_buys_nothing()
    {
        var owner = await portal.OwnerAsync(PurchaseFixture.AuthenticationCard);

        var refused = await portal.Purchases.BuyAsync(owner.Actor, "pack-1000", null, CancellationToken.None);

        Assert.Equal("authentication_required", refused.Error?.Code);
        Assert.Contains("another card", refused.Error!.Message);
        Assert.Empty(await portal.GrantsOfAsync(owner.OrganizationId));
        Assert.DoesNotContain(await portal.DbAsync(db => db.Payments.AsNoTracking().Where(p => p.OrganizationId == owner.OrganizationId).ToListAsync()),
            p => p.Status is PaymentStatus.RequiresAction or PaymentStatus.Succeeded);
    }

    [Fact]
    public async Task Without_a_payment_method_buying_asks_for_one_and_stores_nothing()
    {
        var owner = await portal.OwnerAsync(card: null);

        var refused = await portal.Purchases.BuyAsync(owner.Actor, "pack-1000", null, CancellationToken.None);

        Assert.Equal(("payment_method_required", ErrorKind.Conflict), (refused.Error?.Code, refused.Error!.Kind));
        Assert.Empty(await portal.PurchasesOfAsync(owner.OrganizationId));
        Assert.Equal(0, await portal.DbAsync(db => db.Invoices.CountAsync(i => i.OrganizationId == owner.OrganizationId)));
    }

    [Fact]
    public async Task Only_the_owner_may_buy_and_a_purchase_touches_only_the_buyers_organisation()
    {
        var scenario = await OrganizationScenario.CreateAsync(portal.Factory, "Pack Buyers");
        await portal.AddCardAsync(scenario.Owner, BillingHarness.Good);
        var bystander = await portal.OwnerAsync();

        foreach (var refused in new[] { scenario.Admin, scenario.EngineeringManager, scenario.SalesMember })
        {
            var result = await portal.Purchases.BuyAsync(refused.Actor, "pack-1000", null, CancellationToken.None);
            Assert.Equal(ErrorKind.Forbidden, result.Error?.Kind);
        }

        Assert.Empty(await portal.PurchasesOfAsync(scenario.OrganizationId));
        var before = await portal.AvailableAsync(scenario.OrganizationId);
        Assert.True((await portal.Purchases.BuyAsync(scenario.Owner.Actor, "pack-1000", null, CancellationToken.None)).IsSuccess);
        Assert.Equal(before + 1_000_000, await portal.AvailableAsync(scenario.OrganizationId));
        Assert.Equal(0, await portal.AvailableAsync(bystander.OrganizationId));
        Assert.Empty(await portal.PurchasesOfAsync(bystander.OrganizationId));
    }

    [Theory]
    [InlineData("pack-999")]
    [InlineData("")]
    [InlineData(null)]
    public async Task An_unknown_pack_is_refused_and_nothing_is_stored(string? code)
    {
        var owner = await portal.OwnerAsync();
        var refused = await portal.Purchases.BuyAsync(owner.Actor, code, null, CancellationToken.None);
        Assert.Equal(ErrorKind.Validation, refused.Error?.Kind);
        Assert.True(refused.Error!.Fields.ContainsKey("pack"));
        Assert.Empty(await portal.PurchasesOfAsync(owner.OrganizationId));
        Assert.Equal(0, await portal.DbAsync(db => db.Invoices.CountAsync(i => i.OrganizationId == owner.OrganizationId)));
    }

    [Fact]
    public void Pack_prices_per_thousand_are_exact()
    {
        Assert.Equal(new[] { 10_00L, 9_00L, 8_00L }, CreditPack.All.Select(p => p.PricePerThousand.Minor));
        Assert.Single(CreditPack.All, p => p.BestValue);
        Assert.Equal(new DateTimeOffset(2028, 2, 29, 0, 0, 0, TimeSpan.Zero), CreditPack.ExpiryOf(new DateTimeOffset(2027, 2, 28, 0, 0, 0, TimeSpan.Zero)).AddDays(1));
    }
}
