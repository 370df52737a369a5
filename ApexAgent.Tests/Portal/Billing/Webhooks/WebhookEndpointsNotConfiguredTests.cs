using System.Net;
using System.Text;
using ApexAgent.Portal.Features.Billing.Webhooks;
using ApexAgent.Tests.TestSupport;

namespace ApexAgent.Tests.Portal.Billing.Webhooks;

/// <summary>Without a Stripe webhook secret or a PayPal verifier, the endpoints do not exist.</summary>
public sealed class WebhookEndpointsNotConfiguredTests(SharedPortal portal) : IClassFixture<SharedPortal>
{
    [Fact]
    public async Task Both_endpoints_answer_404_when_their_processor_is_not_configured()
    {
        var client = portal.Factory.CreateClient();
        var json = "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"payment_intent.succeeded\",\"data\":{\"object\":{\"id\":\"pi_1\"}}}";
        var stripe = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        stripe.Headers.TryAddWithoutValidation("Stripe-Signature", StripeSignature.Sign(Encoding.UTF8.GetBytes(json), "whsec_any", DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(stripe)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/webhooks/paypal", new StringContent("{}", Encoding.UTF8, "application/json"))).StatusCode);
    }
}
