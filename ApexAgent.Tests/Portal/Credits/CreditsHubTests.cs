using System.Net;
using System.Threading.Channels;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Features.Credits;
using ApexAgent.Portal.Features.Credits.Live;
using ApexAgent.Tests.TestSupport;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;

namespace ApexAgent.Tests.Portal.Credits;

/// <summary>The credits hub: each organisation hears only its own balance changes; strangers and keys without credits.read are refused.</summary>
public sealed class CreditsHubTests(KestrelPortal portal) : IClassFixture<KestrelPortal>
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_balance_change_reaches_its_own_organisations_clients_within_a_second_and_no_other()
    {
        var alice = await portal.Factory.CreateAccountAsync(TierCode.Pro);
        var bob = await portal.Factory.CreateAccountAsync(TierCode.Pro);
        var aliceKey = await portal.Factory.IssueKeyAsync(alice, [Permission.CreditsRead]);
        var bobKey = await portal.Factory.IssueKeyAsync(bob, [Permission.CreditsRead]);
        var (aliceHub, aliceHears) = await ConnectAsync(o => o.Headers["Authorization"] = "Bearer " + aliceKey.Secret.Plaintext);
        var (bobHub, bobHears) = await ConnectAsync(o => o.Headers["Authorization"] = "Bearer " + bobKey.Secret.Plaintext, HttpTransportType.LongPolling);
        await using var _ = aliceHub;
        await using var __ = bobHub;
        var feed = portal.Factory.Get<CreditFeed>();
        var random = new Random(5016);

        for (var round = 0; round < 5; round++)
        {
            var aliceAvailable = new Millicredits(random.Next(0, 10_000_000));
            var bobAvailable = new Millicredits(random.Next(0, 10_000_000));
            var at = DateTimeOffset.UtcNow;
            feed.Publish(alice.OrganizationId, aliceAvailable, at, "usage");
            var heard = await aliceHears.Reader.ReadAsync(new CancellationTokenSource(Second).Token);
            Assert.Equal(alice.OrganizationId, heard.OrganizationId);
            Assert.Equal(aliceAvailable.Credits, heard.Available);
            Assert.Equal("usage", heard.Cause);
            Assert.Equal(at, heard.At);

            // Bob's next message is his own change, never Alice's.
            feed.Publish(bob.OrganizationId, bobAvailable, at, "grant");
            var bobHeard = await bobHears.Reader.ReadAsync(new CancellationTokenSource(Second * 3).Token);
            Assert.Equal(bob.OrganizationId, bobHeard.OrganizationId);
            Assert.Equal(bobAvailable.Credits, bobHeard.Available);
            Assert.False(aliceHears.Reader.TryRead(out var leaked), $"Alice heard Bob's change: {leaked}");
        }
    }

    [Fact]
    public async Task A_signed_in_browser_session_connects_with_its_cookie()
    {
        var carol = await portal.Factory.CreateAccountAsync();
        var client = await portal.Factory.SignedInClientAsync(carol.UserId);
        var cookie = string.Join("; ", client.DefaultRequestHeaders.GetValues("Cookie"));
        var (hub, hears) = await ConnectAsync(o => o.Headers["Cookie"] = cookie);
        await using var _ = hub;

        portal.Factory.Get<CreditFeed>().Publish(carol.OrganizationId, Millicredits.FromCredits(42), DateTimeOffset.UtcNow, "grant");

        var heard = await hears.Reader.ReadAsync(new CancellationTokenSource(Second).Token);
        Assert.Equal(42m, heard.Available);
    }

    [Fact]
    public async Task An_unauthenticated_connection_is_refused()
    {
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => ConnectAsync(_ => { }));
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);

        var forged = await Assert.ThrowsAsync<HttpRequestException>(() => ConnectAsync(o => o.Headers["Authorization"] = "Bearer apx_live_" + new string('Z', 32)));
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    [Fact]
    public async Task A_key_without_credits_read_is_refused()
    {
        var dave = await portal.Factory.CreateAccountAsync(TierCode.Pro);
        var key = await portal.Factory.IssueKeyAsync(dave, [Permission.ProfileRead, Permission.UsageWrite]);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => ConnectAsync(o => o.Headers["Authorization"] = "Bearer " + key.Secret.Plaintext));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
    }

    private async Task<(HubConnection Hub, Channel<BalanceChangedMessage> Heard)> ConnectAsync(
        Action<HttpConnectionOptions> authenticate, HttpTransportType transport = HttpTransportType.WebSockets)
    {
        var heard = Channel.CreateUnbounded<BalanceChangedMessage>();
        var hub = new HubConnectionBuilder()
            .WithUrl(portal.RootUrl + CreditsHub.Path, options =>
            {
                options.Transports = transport;
                authenticate(options);
            })
            .Build();
        hub.On<BalanceChangedMessage>(CreditsHub.BalanceChanged, message => heard.Writer.TryWrite(message));
        try
        {
            await hub.StartAsync();
        }
        catch
        {
            await hub.DisposeAsync();
            throw;
        }

        return (hub, heard);
    }
}
