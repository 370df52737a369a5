using System.Diagnostics;
using System.Net;
using ApexAgent.Portal.Features.Billing.Payments;

namespace ApexAgent.Tests.Portal.Billing.PayPal;

/// <summary>After repeated failures the breaker opens: charges fail fast without reaching PayPal, and nothing is charged twice.</summary>
public sealed class PayPalCircuitBreakerTests
{
    [Fact]
    public async Task Repeated_failures_open_the_breaker_and_charges_then_fail_fast_without_calling_PayPal()
    {
        await using var world = new Disposable(new PayPalWorld(attemptTimeoutSeconds: 2, totalTimeoutSeconds: 10, maxRetries: 1, breakerMinimumThroughput: 4));
        await world.Value.InitializeAsync();
        var vault = await world.Value.VaultTokenAsync();
        world.Value.Fake.Fail("POST", "/v2/checkout/orders", HttpStatusCode.ServiceUnavailable, times: 1000);

        var outcomes = new List<ChargeOutcome>();
        for (var i = 0; i < 4; i++)
        {
            outcomes.Add(await world.Value.Processor.ChargeAsync(PayPalWorld.Charge(vault, 10_00), CancellationToken.None));
        }

        Assert.Equal(ChargeStatus.Unknown, outcomes[0].Status); // PayPal answered 503 to every attempt: outcome unknown
        var sentBefore = world.Value.Fake.Count("POST", "/v2/checkout/orders");
        var clock = Stopwatch.StartNew();
        var fast = await world.Value.Processor.ChargeAsync(PayPalWorld.Charge(vault, 10_00), CancellationToken.None);
        clock.Stop();

        Assert.Equal((ChargeStatus.Failed, "processor_unavailable"), (fast.Status, fast.FailureCode));
        Assert.Equal(sentBefore, world.Value.Fake.Count("POST", "/v2/checkout/orders")); // never sent
        Assert.True(clock.ElapsedMilliseconds < 1000, $"took {clock.ElapsedMilliseconds} ms");
        Assert.Equal(0, world.Value.Fake.CaptureCount);

        // A lookup while the breaker is open answers "unknown" (not "never sent") for a charge PayPal may have seen.
        var first = world.Value.Fake.Requests.First(r => r.Path == "/v2/checkout/orders").RequestId!;
        var found = await world.Value.Processor.FindChargeAsync(first, CancellationToken.None);
        Assert.NotNull(found);
        Assert.Equal(ChargeStatus.Unknown, found.Status);
    }

    private sealed class Disposable(PayPalWorld value) : IAsyncDisposable
    {
        public PayPalWorld Value { get; } = value;

        public async ValueTask DisposeAsync() => await Value.DisposeAsync();
    }
}
