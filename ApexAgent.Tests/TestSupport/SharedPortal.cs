namespace ApexAgent.Tests.TestSupport;

/// <summary>One app per test class, for tests that neither move time nor depend on global state.</summary>
public sealed class SharedPortal : IAsyncLifetime
{
    public PortalFactory Factory { get; } = new();

    public Task InitializeAsync()
    {
        _ = Factory.Server; // start the host (migrations, catalog) before the first test
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
