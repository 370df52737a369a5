namespace ApexAgent.Portal.Features.Credits.Alerts;

/// <summary>Hears every balance change (<see cref="CreditFeed.SubscribeAll"/>) and checks that organisation's low-balance alerts.</summary>
public sealed class LowBalanceWatch(CreditFeed feed, LowBalanceCheck check, ILogger<LowBalanceWatch> logger) : IHostedService
{
    private IDisposable? subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = feed.SubscribeAll(OnChangeAsync);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        return Task.CompletedTask;
    }

    private async Task OnChangeAsync(BalanceChange change)
    {
        var notified = await check.CheckAsync(change.OrganizationId, CancellationToken.None);
        if (notified > 0)
        {
            logger.LogInformation("Low-balance notices sent to {Count} member(s) of organisation {Organization}.", notified, change.OrganizationId);
        }
    }
}
