namespace ApexAgent.Tests.Portal.Billing.Stripe;

/// <summary>One portal on the fake Stripe per test class, for tests that do not move time.</summary>
public sealed class StripeWorldFixture : IAsyncLifetime
{
    public StripeWorld World { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        World = await StripeWorld.StartAsync();
        _ = World.Factory.Server;
    }

    public async Task DisposeAsync() => await World.DisposeAsync();
}
