using System.Net;
using ApexAgent.Portal.Features.Billing.Payments;
using ApexAgent.Portal.Integrations.PayPal;
using ApexAgent.Tests.TestSupport.Fakes;

namespace ApexAgent.Tests.Portal.Billing.PayPal;

/// <summary>The PayPal client: one access token shared and renewed on expiry or a 401, retries that resend the same PayPal-Request-Id, timeouts, the webhook verifier.</summary>
public sealed class PayPalClientTests(PayPalWorld world) : IClassFixture<PayPalWorld>
{
    [Fact]
    public async Task One_token_serves_many_calls_a_new_one_comes_after_expiry_and_a_401_renews_it_exactly_once()
    {
        var tokens = world.Factory.Get<PayPalAccessTokens>();
        await tokens.GetAsync(CancellationToken.None);
        var before = world.Fake.TokenRequests;
        await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => VerifyAsync(FakeSignature)));
        Assert.Equal(before, world.Fake.TokenRequests); // cached

        world.Clock.Advance(TimeSpan.FromSeconds(world.Fake.TokenLifetimeSeconds)); // past expires_in
        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => VerifyAsync(FakeSignature)));
        Assert.All(results, Assert.True);
        Assert.Equal(before + 1, world.Fake.TokenRequests); // one renewal, shared by the concurrent callers

        world.Fake.RevokeTokens(); // PayPal expired the token early: every caller gets a 401
        var afterRevoke = world.Fake.TokenRequests;
        results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => VerifyAsync(FakeSignature)));
        Assert.All(results, Assert.True);
        Assert.Equal(afterRevoke + 1, world.Fake.TokenRequests);
        // How many callers met the revoked token depends on timing; the refresh happened exactly once whatever the number.
        Assert.InRange(world.Fake.Requests.Count(r => r.Path == "/v1/notifications/verify-webhook-signature" && r.Status == 401), 1, 12);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, 2)]
    [InlineData(HttpStatusCode.InternalServerError, 1)]
    [InlineData(HttpStatusCode.TooManyRequests, 3)]
    public async Task A_charge_that_fails_transiently_is_retried_with_the_same_request_id_and_captured_once(HttpStatusCode failure, int times)
    {
        var vault = await world.VaultTokenAsync();
        var captures = world.Fake.CaptureCount;
        world.Fake.Fail("POST", "/v2/checkout/orders", failure, times);
        var request = PayPalWorld.Charge(vault, 29_99);

        var outcome = await world.Processor.ChargeAsync(request, CancellationToken.None);

        Assert.Equal(ChargeStatus.Succeeded, outcome.Status);
        var sent = world.Fake.Requests.Where(r => r.Path == "/v2/checkout/orders" && r.RequestId == request.IdempotencyKey).ToList();
        Assert.Equal(times + 1, sent.Count);
        Assert.Equal(times, sent.Count(r => r.Status == (int)failure));
        Assert.Equal(captures + 1, world.Fake.CaptureCount);
        Assert.Equal(29_99, world.Fake.CaptureById(outcome.ProcessorPaymentId!).Minor);

        // Asking again with the same key (a retry of the whole attempt) answers the same capture, and PayPal captures nothing more.
        var again = await world.Processor.ChargeAsync(request, CancellationToken.None);
        Assert.Equal(outcome.ProcessorPaymentId, again.ProcessorPaymentId);
        Assert.Equal(captures + 1, world.Fake.CaptureCount);
    }

    [Fact]
    public async Task A_charge_whose_answers_time_out_is_unknown_and_its_lookup_finds_the_one_capture_without_charging_again()
    {
        var vault = await world.VaultTokenAsync();
        var captures = world.Fake.CaptureCount;
        world.Fake.Delay("POST", "/v2/checkout/orders", TimeSpan.FromSeconds(4), times: 10); // PayPal does the work; the answers come too late
        var request = PayPalWorld.Charge(vault, 12_00);

        var outcome = await world.Processor.ChargeAsync(request, CancellationToken.None);
        world.Fake.ClearFaults();

        Assert.Equal(ChargeStatus.Unknown, outcome.Status);
        Assert.Equal(captures + 1, world.Fake.CaptureCount); // PayPal charged once, whatever the retries
        var found = await world.Processor.FindChargeAsync(request.IdempotencyKey, CancellationToken.None);
        Assert.NotNull(found);
        Assert.Equal(ChargeStatus.Succeeded, found.Status);
        Assert.NotNull(found.ProcessorPaymentId);
        Assert.Equal(captures + 1, world.Fake.CaptureCount);
        Assert.All(world.Fake.Requests.Where(r => r.Path == "/v2/checkout/orders" && r.RequestId == request.IdempotencyKey), r => Assert.Equal(request.IdempotencyKey, r.RequestId));
        Assert.Null(await world.Processor.FindChargeAsync("test:never-sent", CancellationToken.None));
    }

    [Fact]
    public async Task The_webhook_verifier_sends_the_headers_webhook_id_and_event_and_believes_only_SUCCESS()
    {
        Assert.True(await VerifyAsync(FakeSignature));
        var sent = world.Fake.LastVerification!;
        Assert.Equal(FakePayPalServer.WebhookId, sent["webhook_id"]!.GetValue<string>());
        Assert.Equal("SHA256withRSA", sent["auth_algo"]!.GetValue<string>());
        Assert.Equal("WH-EVENT-1", sent["webhook_event"]!["id"]!.GetValue<string>());
        Assert.Equal("tx-1", sent["transmission_id"]!.GetValue<string>());

        Assert.False(await VerifyAsync("forged-signature"));
        var verifier = world.Factory.Get<IPayPalWebhookVerifier>();
        var headers = Headers(FakeSignature);
        headers.Remove("PAYPAL-CERT-URL");
        Assert.False(await verifier.VerifyAsync(headers, Event, CancellationToken.None));
        Assert.False(await verifier.VerifyAsync(Headers(FakeSignature), "not json", CancellationToken.None));
        world.Fake.Fail("POST", "/v1/notifications/verify-webhook-signature", HttpStatusCode.ServiceUnavailable, 10);
        Assert.False(await verifier.VerifyAsync(Headers(FakeSignature), Event, CancellationToken.None));
        world.Fake.ClearFaults();
    }

    private const string FakeSignature = FakePayPalServer.ValidSignature;

    private const string Event = """{"id":"WH-EVENT-1","event_type":"PAYMENT.CAPTURE.COMPLETED","resource":{"id":"3C1CAPTURE","status":"COMPLETED"}}""";

    private static Dictionary<string, string> Headers(string signature) => new()
    {
        ["paypal-auth-algo"] = "SHA256withRSA",
        ["PAYPAL-CERT-URL"] = "https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77",
        ["PAYPAL-TRANSMISSION-ID"] = "tx-1",
        ["PAYPAL-TRANSMISSION-SIG"] = signature,
        ["PAYPAL-TRANSMISSION-TIME"] = "2026-03-02T09:00:00Z",
    };

    private Task<bool> VerifyAsync(string signature) =>
        world.Factory.Get<IPayPalWebhookVerifier>().VerifyAsync(Headers(signature), Event, CancellationToken.None);
}
