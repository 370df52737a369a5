using Microsoft.AspNetCore.SignalR;

namespace ApexAgent.Portal.Features.Credits.Live;

/// <summary>Hears every balance change on the in-process <see cref="CreditFeed"/> and sends it to the organisation's hub group.</summary>
public sealed class CreditsHubBroadcaster(CreditFeed feed, IHubContext<CreditsHub> hub) : IHostedService
{
    private IDisposable? subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = feed.SubscribeAll(change =>
            hub.Clients.Group(CreditsHub.GroupOf(change.OrganizationId)).SendAsync(CreditsHub.BalanceChanged, BalanceChangedMessage.From(change), CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        return Task.CompletedTask;
    }
}
