using ApexAgent.Domain.Catalog;
using ApexAgent.Portal.Features.Billing.Payments;
using ApexAgent.Portal.Integrations.Sandbox;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Tests.Scenarios.Payments;

/// <summary>Cards about to expire, and expired, are told about once each; the overview warns while the default card expires before the renewal.</summary>
public sealed class ExpiringCardNoticeTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_card_is_told_about_once_before_it_expires_and_once_when_it_has()
    {
        await using var world = new BillingHarness(Start);
        var customer = await world.CustomerAsync(); // 12/2031: never told about here
        await world.ChangeAsync(customer.Actor, TierCode.Pro); // renews on 10 April
        var notices = world.Factory.Get<ExpiringCardNotices>();
        Assert.Null(await notices.DefaultCardWarningAsync(customer.OrganizationId, CancellationToken.None));

        // A card that expires at the end of April, made the default.
        var april = SandboxCardVault.Tokenise(BillingHarness.Good, 4, 2026, "123", world.Now).Value;
        Assert.True((await world.Methods.AddAsync(customer.Actor, april.Token, makeDefault: true, CancellationToken.None)).IsSuccess);
        Assert.Equal(0, await notices.RunAsync(CancellationToken.None)); // more than 30 days before the end of April
        Assert.Null(await notices.DefaultCardWarningAsync(customer.OrganizationId, CancellationToken.None)); // valid at the April renewal

        var told = new List<int>();
        for (var day = 0; day < 70; day++)
        {
            world.Clock.Advance(TimeSpan.FromDays(1));
            told.Add(await notices.RunAsync(CancellationToken.None));
        }

        Assert.Equal(2, told.Sum());
        var sent = await world.DbAsync(db => db.Notifications.AsNoTracking().Where(n => n.OrganizationId == customer.OrganizationId && n.Kind.StartsWith("billing.card_")).OrderBy(n => n.CreatedAt).ToListAsync());
        Assert.Equal(["billing.card_expiring", "billing.card_expired"], sent.Select(n => n.Kind));
        Assert.Equal(new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.Zero), sent[0].CreatedAt); // 30 days before the end of April
        Assert.Equal(new DateTimeOffset(2026, 5, 1, 9, 0, 0, TimeSpan.Zero), sent[1].CreatedAt);
        Assert.All(sent, n => Assert.Equal("/billing/payment-methods", n.Link));
        Assert.Contains("04/2026", sent[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_overview_warns_while_the_default_card_expires_before_the_next_renewal()
    {
        await using var world = new BillingHarness(Start);
        var customer = await world.CustomerAsync();
        await world.ChangeAsync(customer.Actor, TierCode.Pro, ApexAgent.Domain.Subscriptions.BillingCycle.Annual); // renews in March 2027
        var notices = world.Factory.Get<ExpiringCardNotices>();
        var soon = SandboxCardVault.Tokenise(BillingHarness.Good, 11, 2026, "123", world.Now).Value;
        await world.Methods.AddAsync(customer.Actor, soon.Token, makeDefault: true, CancellationToken.None);

        var warning = await notices.DefaultCardWarningAsync(customer.OrganizationId, CancellationToken.None);

        Assert.Contains("11/2026", warning, StringComparison.Ordinal);
        var other = await world.DbAsync(db => db.PaymentMethods.AsNoTracking().FirstAsync(m => m.ExpYear == 2031));
        await world.Methods.MakeDefaultAsync(customer.Actor, other.Id, CancellationToken.None);
        Assert.Null(await notices.DefaultCardWarningAsync(customer.OrganizationId, CancellationToken.None));
    }
}
