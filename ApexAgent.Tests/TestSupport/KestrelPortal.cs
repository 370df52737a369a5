namespace ApexAgent.Tests.TestSupport;

/// <summary>One app per test class served by Kestrel on a loopback port, for clients that need a real socket (SignalR).</summary>
public sealed class KestrelPortal : IAsyncLifetime
{
    public PortalFactory Factory { get; } = new(kestrel: true);

    public string RootUrl { get; private set; } = "";

    public Task InitializeAsync()
    {
        RootUrl = Factory.RootUrl;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
