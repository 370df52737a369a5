using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Features.Billing.Payments;
using ApexAgent.Portal.Integrations.PayPal;
using ApexAgent.Tests.TestSupport;
using ApexAgent.Tests.TestSupport.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace ApexAgent.Tests.Portal.Billing.PayPal;

/// <summary>PayPal is off unless configured, its settings are checked at start, and only people who may pay can start a PayPal flow.</summary>
public sealed class PayPalConfigurationTests(PayPalWorld world) : IClassFixture<PayPalWorld>
{
    [Fact]
    public async Task Without_a_client_id_nothing_PayPal_is_registered()
    {
        await using var plain = new PortalFactory();
        Assert.Null(plain.Services.GetService<PayPalVault>());
        Assert.Null(plain.Services.GetService<PayPalCheckout>());
        Assert.Null(plain.Services.GetService<IPayPalWebhookVerifier>());
        Assert.Null(plain.Get<PaymentProcessors>().Find("paypal"));
        Assert.Equal("paypal", world.Factory.Get<PaymentProcessors>().For("paypal").Name);
    }

    [Theory]
    [InlineData("PayPal:ClientSecret", "")]
    [InlineData("PayPal:WebhookId", "")]
    [InlineData("PayPal:BaseUrl", "http://paypal.example.com")]
    [InlineData("PayPal:AttemptTimeoutSeconds", "0")]
    public async Task A_client_id_with_bad_settings_stops_the_start(string key, string value)
    {
        var settings = world.Fake.Settings();
        settings[key] = value;
        await using var broken = new PortalFactory(settings: settings);
        var failure = Record.Exception(() => _ = broken.Server);
        Assert.NotNull(failure);
    }

    [Fact]
    public async Task Only_people_who_manage_billing_or_buy_credits_and_not_read_only_views_start_a_PayPal_flow()
    {
        var owner = await world.Factory.CreateAccountAsync();
        var vault = world.Factory.Get<PayPalVault>();
        var checkout = world.Factory.Get<PayPalCheckout>();
        var setups = world.Fake.Count("POST", "/v3/vault/setup-tokens");
        var orders = world.Fake.Count("POST", "/v2/checkout/orders");

        var viewer = owner.Actor with { Permissions = new HashSet<string> { Permission.BillingRead, Permission.CreditsRead } };
        Assert.Equal(ErrorKind.Forbidden, (await vault.StartAsync(viewer, "https://portal.test/", CancellationToken.None)).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await checkout.StartAsync(viewer, "pack-1000", "https://portal.test/", CancellationToken.None)).Error!.Kind);
        var impersonated = owner.Actor with { ImpersonatorUserId = "staff-1" };
        Assert.NotNull((await vault.StartAsync(impersonated, "https://portal.test/", CancellationToken.None)).Error);
        Assert.NotNull((await checkout.StartAsync(impersonated, "pack-1000", "https://portal.test/", CancellationToken.None)).Error);
        var unknownPack = await checkout.StartAsync(owner.Actor, "pack-7", "https://portal.test/", CancellationToken.None);
        Assert.Equal(ErrorKind.Validation, unknownPack.Error!.Kind);

        Assert.Equal(setups, world.Fake.Count("POST", "/v3/vault/setup-tokens"));
        Assert.Equal(orders, world.Fake.Count("POST", "/v2/checkout/orders"));
    }
}
