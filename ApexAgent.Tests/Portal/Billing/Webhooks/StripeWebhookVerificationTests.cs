using System.Net;
using System.Text;
using ApexAgent.Domain.Billing;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Tests.TestSupport;

namespace ApexAgent.Tests.Portal.Billing.Webhooks;

/// <summary>Only deliveries signed with our secret, over the exact body, within five minutes, are acted on.</summary>
public sealed class StripeWebhookVerificationTests(WebhookWorld world) : IClassFixture<WebhookWorld>
{
    [Fact]
    public async Task A_genuine_delivery_is_applied_and_forged_stale_or_altered_ones_are_refused_with_nothing_changed()
    {
        var intent = WebhookWorld.NewId("pi_");
        var (_, invoice, pending) = await world.PendingAsync("stripe", intent);
        var json = WebhookWorld.StripeEvent("payment_intent.succeeded", WebhookWorld.Intent(intent, 2000), world.Billing.Now);
        var events = await world.EventCountAsync();

        var refusals = new List<(string Case, HttpResponseMessage Response)>
        {
            ("wrong secret", await world.PostStripeAsync(json, secret: "whsec_someone_else")),
            ("altered body", await world.PostStripeAsync(json.Replace("2000", "20", StringComparison.Ordinal), header: Sign(json, world.Billing.Now))),
            ("stale", await world.PostStripeAsync(json, signedAt: world.Billing.Now.AddMinutes(-5).AddSeconds(-1))),
            ("future", await world.PostStripeAsync(json, signedAt: world.Billing.Now.AddMinutes(5).AddSeconds(1))),
            ("no header", await world.PostStripeAsync(json, header: "")),
            ("garbage header", await world.PostStripeAsync(json, header: "t=abc,v1=zz")),
            ("v0 only", await world.PostStripeAsync(json, header: Sign(json, world.Billing.Now).Replace("v1=", "v0=", StringComparison.Ordinal))),
        };
        foreach (var (name, response) in refusals)
        {
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, name);
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid_signature");
        }

        Assert.Equal(events, await world.EventCountAsync());
        Assert.Equal(PaymentStatus.Pending, (await world.PaymentAsync(pending.Id)).Status);
        Assert.Equal(InvoiceStatus.Open, (await world.InvoiceAsync(invoice.Id)).Status);

        // Within the tolerance either way it is genuine (Stripe's clock may be a little ahead or behind).
        Assert.Equal("applied", await world.StripeOkAsync(json));
        Assert.Equal(InvoiceStatus.Paid, (await world.InvoiceAsync(invoice.Id)).Status);
        Assert.Equal(events + 1, await world.EventCountAsync());
    }

    [Fact]
    public async Task A_signature_four_minutes_old_is_still_accepted()
    {
        var json = WebhookWorld.StripeEvent("customer.created", new { id = WebhookWorld.NewId("cus_"), @object = "customer" }, world.Billing.Now);
        var response = await world.PostStripeAsync(json, signedAt: world.Billing.Now.AddMinutes(-4));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    [InlineData("{}")]
    [InlineData("{\"id\":\"evt_1\",\"type\":\"payment_intent.succeeded\"}")]
    [InlineData("{\"id\":\"evt_2\",\"type\":\"payment_intent.succeeded\",\"data\":{\"object\":{\"amount\":\"lots\"}}}")]
    [InlineData("{\"id\":\"evt_3\",\"type\":\"charge.refunded\",\"data\":{\"object\":{\"id\":\"ch_1\",\"amount_refunded\":-5}}}")]
    [InlineData("{\"id\":\"evt_4\",\"type\":\"charge.dispute.created\",\"data\":{\"object\":{\"id\":\"dp_1\"}}}")]
    [InlineData("{\"id\":7,\"type\":\"payment_intent.succeeded\",\"data\":{\"object\":{\"id\":\"pi_1\"}}}")]
    [InlineData("{\"id\":\"evt_5\",\"type\":\"payment_intent.succeeded\",\"data\":{\"object\":{\"id\":\"pi_1\"}}")]
    public async Task Signed_bodies_that_are_not_events_are_refused_with_400_and_change_nothing(string body)
    {
        var events = await world.EventCountAsync();
        var response = await world.PostStripeAsync(body);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid_event");
        Assert.Equal(events, await world.EventCountAsync());
    }

    [Fact]
    public async Task Deeply_nested_and_huge_bodies_are_refused_with_400()
    {
        var deep = new string('[', 5000) + new string(']', 5000);
        var nested = await world.PostStripeAsync(deep);
        Assert.Equal(HttpStatusCode.BadRequest, nested.StatusCode);

        var huge = "{\"id\":\"evt_big\",\"type\":\"x\",\"data\":{\"object\":{\"pad\":\"" + new string('a', 300_000) + "\"}}}";
        var response = await world.PostStripeAsync(huge);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "payload_too_large");
    }

    private static string Sign(string json, DateTimeOffset at) =>
        ApexAgent.Portal.Features.Billing.Webhooks.StripeSignature.Sign(Encoding.UTF8.GetBytes(json), WebhookWorld.Secret, at);
}
