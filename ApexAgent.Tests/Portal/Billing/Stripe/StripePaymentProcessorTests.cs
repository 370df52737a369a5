using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Features.Billing.Payments;
using ApexAgent.Portal.Integrations.Stripe;
using ApexAgent.Tests.TestSupport;
using ApexAgent.Tests.TestSupport.Fakes;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Tests.Portal.Billing.Stripe;

/// <summary>The Stripe processor itself against the fake Stripe: customers, saved cards, charge outcomes, lookups.</summary>
public sealed class StripePaymentProcessorTests(StripeWorldFixture fixture) : IClassFixture<StripeWorldFixture>
{
    private StripeWorld World => fixture.World;

    [Fact]
    public void Stripe_is_the_card_processor_when_configured()
    {
        var processors = World.Factory.Get<PaymentProcessors>();
        Assert.IsType<StripePaymentProcessor>(processors.Cards);
        Assert.NotNull(processors.Find("sandbox")); // payments made with the sandbox still go back to it
    }

    [Fact]
    public async Task A_card_saved_from_a_setup_intent_is_attached_to_the_one_customer_of_its_organisation()
    {
        var customer = await World.CustomerAsync();
        var second = await World.AddCardAsync(customer.Actor, "4000000000009995", makeDefault: false);
        var other = await World.CustomerAsync();

        var methods = await World.DbAsync(db => db.PaymentMethods.AsNoTracking().Where(m => m.OrganizationId == customer.OrganizationId).OrderBy(m => m.CreatedAt).ToListAsync());
        Assert.Equal(2, methods.Count);
        Assert.All(methods, m => Assert.Equal(("stripe", "card", "Visa"), (m.Processor, m.Type, m.Brand)));
        Assert.Equal(["4242", "9995"], methods.Select(m => m.Last4));
        Assert.Equal((12, World.Now.Year + 3), (second.ExpMonth, second.ExpYear));
        var account = await World.DbAsync(db => db.BillingAccounts.AsNoTracking().SingleAsync(a => a.OrganizationId == customer.OrganizationId));
        Assert.Equal("stripe", account.Processor);
        var mine = World.Stripe.All("customer").Where(c => (string?)c["metadata"]?["organization_id"] == customer.OrganizationId.ToString("N")).ToList();
        Assert.Equal(account.ProcessorCustomerId, (string?)Assert.Single(mine)["id"]);
        Assert.Single(World.Stripe.All("customer"), c => (string?)c["metadata"]?["organization_id"] == other.OrganizationId.ToString("N"));
        Assert.All(methods, m => Assert.Equal(account.ProcessorCustomerId, (string?)World.Stripe.Get(m.ProcessorToken)["customer"]));
        Assert.StartsWith("pm_", methods[0].ProcessorToken);
        Assert.Equal(account.ProcessorCustomerId, await World.Processor.EnsureCustomerAsync(new ProcessorCustomer(customer.OrganizationId, "again", null), CancellationToken.None));
    }

    [Fact]
    public async Task Another_organisations_setup_intent_an_unconfirmed_one_or_a_made_up_token_is_refused_and_saves_nothing()
    {
        var owner = await World.Factory.CreateAccountAsync();
        var stranger = await World.CustomerAsync();
        var setups = World.Factory.Get<StripeCardSetups>();
        var theirs = (await setups.StartAsync(owner.Actor, CancellationToken.None)).Value;
        World.Stripe.ConfirmSetupIntent(theirs.SetupIntentId, StripeWorld.Visa);
        var unconfirmed = (await setups.StartAsync(stranger.Actor, CancellationToken.None)).Value;
        var methods = World.Factory.Get<PaymentMethodService>();

        foreach (var token in new[] { theirs.SetupIntentId, unconfirmed.SetupIntentId, "seti_doesnotexist", "pm_doesnotexist", "tok_visa", "sbx_pm_ok_4242_1230_00" })
        {
            var added = await methods.AddAsync(stranger.Actor, token, true, CancellationToken.None);
            Assert.False(added.IsSuccess, token);
            Assert.Equal("payment_method_invalid", added.Error.Code);
        }

        Assert.Single(await World.DbAsync(db => db.PaymentMethods.AsNoTracking().Where(m => m.OrganizationId == stranger.OrganizationId).ToListAsync()));
        Assert.Empty(await World.DbAsync(db => db.PaymentMethods.AsNoTracking().Where(m => m.OrganizationId == owner.OrganizationId).ToListAsync()));
    }

    [Theory]
    [InlineData("4242424242424242", true, ChargeStatus.Succeeded, null)]
    [InlineData("4000000000000002", true, ChargeStatus.Declined, "card_declined")]
    [InlineData("4000000000009987", true, ChargeStatus.Declined, "card_declined")]
    [InlineData("4000000000000069", true, ChargeStatus.Declined, "expired_card")]
    [InlineData("4000000000009995", true, ChargeStatus.Failed, "insufficient_funds")]
    [InlineData("4000000000000119", true, ChargeStatus.Failed, "processing_error")]
    [InlineData("4000002760003184", true, ChargeStatus.Failed, "authentication_required")]
    [InlineData("4000002760003184", false, ChargeStatus.RequiresAction, null)]
    public async Task Each_answer_of_stripe_is_mapped_to_its_treatment(string card, bool offSession, ChargeStatus status, string? code)
    {
        var customerId = await World.Processor.EnsureCustomerAsync(new ProcessorCustomer(Guid.NewGuid(), "Mapping", null), CancellationToken.None);
        var method = World.Stripe.SavedCard(customerId, card);
        var key = $"test:{Guid.NewGuid():N}";

        var outcome = await World.Processor.ChargeAsync(new ChargeRequest(key, customerId, method, new Money(1234, Currency.FromCode("USD")), "Mapping", offSession), CancellationToken.None);

        Assert.Equal((status, code), (outcome.Status, outcome.FailureCode));
        var intent = Assert.Single(World.IntentsFor(key));
        Assert.Equal((string?)intent["id"], outcome.ProcessorPaymentId);
        Assert.Equal(offSession ? "true" : null, World.Stripe.Requests.Last(r => r.IdempotencyKey == key).Form.GetValueOrDefault("off_session"));
        if (outcome.IsFailure)
        {
            Assert.False(string.IsNullOrWhiteSpace(outcome.FailureMessage));
            Assert.DoesNotContain("Stripe", outcome.FailureMessage); // worded for the customer, not the integration
        }

        var found = await World.Processor.FindChargeAsync(key, CancellationToken.None); // by search: no payment row knows it
        Assert.Equal(status == ChargeStatus.RequiresAction ? ChargeStatus.Failed : status, found!.Status);
        Assert.Null(await World.Processor.FindChargeAsync($"test:{Guid.NewGuid():N}", CancellationToken.None));
    }

    [Fact]
    public async Task The_same_key_twice_charges_once_and_answers_the_same()
    {
        var customerId = await World.Processor.EnsureCustomerAsync(new ProcessorCustomer(Guid.NewGuid(), "Twice", null), CancellationToken.None);
        var method = World.Stripe.SavedCard(customerId, StripeWorld.Visa);
        var request = new ChargeRequest($"test:{Guid.NewGuid():N}", customerId, method, new Money(990, Currency.FromCode("USD")), "Twice", true);

        var outcomes = await World.Processor.ChargeManyAsync([request, request, request with { IdempotencyKey = request.IdempotencyKey + ":b" }], CancellationToken.None);

        Assert.All(outcomes, o => Assert.Equal(ChargeStatus.Succeeded, o.Status));
        Assert.Equal(outcomes[0].ProcessorPaymentId, outcomes[1].ProcessorPaymentId);
        Assert.NotEqual(outcomes[0].ProcessorPaymentId, outcomes[2].ProcessorPaymentId);
        Assert.Single(World.IntentsFor(request.IdempotencyKey));
    }

    [Fact]
    public async Task The_setup_intent_endpoint_answers_managers_only_and_hands_out_the_publishable_key()
    {
        var customer = await World.Factory.CreateAccountAsync();
        var manager = await World.Factory.IssueKeyAsync(customer);
        var reader = await World.Factory.IssueKeyAsync(customer, [Permission.BillingRead]);

        var response = await World.Factory.ApiClient(manager.Secret.Plaintext).PostAsync("/api/v1/payment-methods/setup-intent", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("setupIntentId").GetString()!;
        Assert.StartsWith("seti_", id);
        Assert.StartsWith(id + "_secret_", body.GetProperty("clientSecret").GetString());
        Assert.Equal(FakeStripeServer.PublishableKey, body.GetProperty("publishableKey").GetString());
        Assert.DoesNotContain(FakeStripeServer.SecretKey, await response.Content.ReadAsStringAsync());
        var account = await World.DbAsync(db => db.BillingAccounts.AsNoTracking().SingleAsync(a => a.OrganizationId == customer.OrganizationId));
        Assert.Equal(account.ProcessorCustomerId, (string?)World.Stripe.Get(id)["customer"]);

        var refused = await World.Factory.ApiClient(reader.Secret.Plaintext).PostAsync("/api/v1/payment-methods/setup-intent", null);
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, (await World.Factory.ApiClient().PostAsync("/api/v1/payment-methods/setup-intent", null)).StatusCode);
    }
}
