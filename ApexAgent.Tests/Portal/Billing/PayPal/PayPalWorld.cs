using ApexAgent.Domain.Common;
using ApexAgent.Portal.Features.Billing.Payments;
using ApexAgent.Portal.Integrations.PayPal;
using ApexAgent.Tests.TestSupport;
using ApexAgent.Tests.TestSupport.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace ApexAgent.Tests.Portal.Billing.PayPal;

/// <summary>The portal with PayPal configured against a <see cref="FakePayPalServer"/>, on a fake clock, billing runs by hand.</summary>
public sealed class PayPalWorld : IAsyncLifetime
{
    public PayPalWorld()
        : this(attemptTimeoutSeconds: 1, totalTimeoutSeconds: 3, maxRetries: 3, breakerMinimumThroughput: 1000)
    {
    }

    internal PayPalWorld(int attemptTimeoutSeconds, int totalTimeoutSeconds, int maxRetries, int breakerMinimumThroughput, bool kestrel = false)
    {
        Fake = new FakePayPalServer();
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var settings = Fake.Settings(attemptTimeoutSeconds, totalTimeoutSeconds, maxRetries, breakerMinimumThroughput);
        settings["Billing:ScheduleRuns"] = "false";
        Factory = new PortalFactory(kestrel: kestrel, clock: Clock, settings: settings);
    }

    public FakePayPalServer Fake { get; }

    public FakeTimeProvider Clock { get; }

    public PortalFactory Factory { get; }

    public PayPalPaymentProcessor Processor => Factory.Get<PayPalPaymentProcessor>();

    /// <summary>A vault payment token for a buyer who approved at PayPal (setup token → approve → payment token).</summary>
    public async Task<string> VaultTokenAsync()
    {
        var approval = await Processor.CreateSetupTokenAsync("apex_test", "https://portal.test/back", "https://portal.test/cancel", CancellationToken.None);
        Assert.True(approval.IsSuccess, approval.Error?.Message);
        Fake.ApproveSetupToken(approval.Value.Id);
        var saved = await Processor.SavePaymentMethodAsync("apex_test", approval.Value.Id, CancellationToken.None);
        Assert.True(saved.IsSuccess, saved.Error?.Message);
        return saved.Value.Token;
    }

    public static ChargeRequest Charge(string vaultId, long minor, bool offSession = true) =>
        new($"test:{Guid.NewGuid():N}", "apex_test", vaultId, Money.Usd(minor), "Test charge", offSession);

    /// <summary>Opens PayPal's approve link as the buyer's browser would, and answers where PayPal sends the buyer back.</summary>
    public async Task<Uri> FollowAsync(string approveUrl)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var response = await http.GetAsync(approveUrl);
        Assert.Equal(System.Net.HttpStatusCode.Found, response.StatusCode);
        return response.Headers.Location!;
    }

    public static string? Query(Uri uri, string name) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(uri.Query).TryGetValue(name, out var value) ? value.ToString() : null;

    public Task InitializeAsync()
    {
        _ = Factory.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Fake.DisposeAsync();
    }
}
