using ApexAgent.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace ApexAgent.Tests.Portal.Verification;

/// <summary>One app for the verification tests that do not move time (jobs run by hand).</summary>
public sealed class VerificationPortal : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    public PortalFactory Factory { get; }

    public VerificationPortal() => Factory = new PortalFactory(clock: Clock, settings: new Dictionary<string, string?> { ["Billing:ScheduleRuns"] = "false" });

    public Task InitializeAsync()
    {
        _ = Factory.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
