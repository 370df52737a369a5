using ApexAgent.Portal.Features.Billing.Payments;
using ApexAgent.Portal.Integrations.Sandbox;
using ApexAgent.Portal.Integrations.Stripe;
using ApexAgent.Tests.TestSupport;
using ApexAgent.Tests.TestSupport.Fakes;
using Microsoft.Extensions.Options;

namespace ApexAgent.Tests.Portal.Billing.Stripe;

/// <summary>Stripe's keys are checked at start: all three or none, each in Stripe's format; none leaves the sandbox.</summary>
public sealed class StripeOptionsTests
{
    private static readonly Dictionary<string, string?> Good = new()
    {
        ["SecretKey"] = FakeStripeServer.SecretKey,
        ["PublishableKey"] = FakeStripeServer.PublishableKey,
        ["WebhookSecret"] = FakeStripeServer.WebhookSecret,
    };

    [Theory]
    [InlineData("SecretKey", null, "Stripe:SecretKey")]
    [InlineData("PublishableKey", null, "Stripe:PublishableKey")]
    [InlineData("WebhookSecret", null, "Stripe:WebhookSecret")]
    [InlineData("SecretKey", "pk_test_abcdefghijklmnop", "Stripe:SecretKey")]
    [InlineData("SecretKey", "sk_test_ abcdefghijklmnop", "Stripe:SecretKey")]
    [InlineData("PublishableKey", "sk_test_abcdefghijklmnop", "Stripe:PublishableKey")]
    [InlineData("PublishableKey", "pk_live_abcdefghijklmnop", "both be test keys")]
    [InlineData("WebhookSecret", "secret_abcdefghijklmnop", "Stripe:WebhookSecret")]
    [InlineData("ApiBase", "ftp://127.0.0.1", "Stripe:ApiBase")]
    public void Missing_or_malformed_keys_are_refused_with_a_message_that_names_the_setting_not_the_value(string setting, string? value, string expected)
    {
        var options = Options(new Dictionary<string, string?>(Good) { [setting] = value });

        var result = new StripeOptionsValidation().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains(expected, StringComparison.Ordinal));
        Assert.DoesNotContain(result.Failures!, f => value is not null && f.Contains(value, StringComparison.Ordinal));
    }

    [Fact]
    public void All_three_keys_in_their_formats_pass_and_none_at_all_passes_too()
    {
        Assert.True(new StripeOptionsValidation().Validate(null, Options(Good)).Succeeded);
        Assert.True(new StripeOptionsValidation().Validate(null, Options(new Dictionary<string, string?>(Good) { ["SecretKey"] = "rk_test_restrictedkey123" })).Succeeded);
        Assert.True(new StripeOptionsValidation().Validate(null, new StripeOptions()).Succeeded);
    }

    [Fact]
    public async Task A_portal_with_a_malformed_key_refuses_to_start()
    {
        await using var factory = new PortalFactory(settings: new Dictionary<string, string?> { ["Stripe:SecretKey"] = "sk_test_abcdefghijklmnop", ["Billing:ScheduleRuns"] = "false" });

        var failure = Assert.Throws<OptionsValidationException>(() => factory.Server);

        Assert.Contains("Stripe:PublishableKey", failure.Message);
        Assert.DoesNotContain("sk_test_abcdefghijklmnop", failure.Message);
    }

    [Fact]
    public async Task Without_keys_the_sandbox_stays_the_card_processor_and_the_setup_intent_endpoint_says_so()
    {
        await using var factory = new PortalFactory(settings: new Dictionary<string, string?> { ["Billing:ScheduleRuns"] = "false" });
        var customer = await factory.CreateAccountAsync();

        Assert.IsType<SandboxPaymentProcessor>(factory.Get<PaymentProcessors>().Cards);
        Assert.Null(factory.Get<PaymentProcessors>().Find(StripePaymentProcessor.ProcessorName));
        var response = await factory.ApiClient((await factory.IssueKeyAsync(customer)).Secret.Plaintext).PostAsync("/api/v1/payment-methods/setup-intent", null);
        await ProblemAssert.IsProblemAsync(response, System.Net.HttpStatusCode.Conflict, "stripe_not_active");
    }

    private static StripeOptions Options(Dictionary<string, string?> values) => new()
    {
        SecretKey = values.GetValueOrDefault("SecretKey"),
        PublishableKey = values.GetValueOrDefault("PublishableKey"),
        WebhookSecret = values.GetValueOrDefault("WebhookSecret"),
        ApiBase = values.GetValueOrDefault("ApiBase"),
    };
}
