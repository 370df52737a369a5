namespace ApexAgent.Portal.Features.Credits.Purchases;

/// <summary>
/// Listens to every balance change (<see cref="CreditFeed.SubscribeAll"/>) for auto top-up, and every few minutes checks
/// all armed organisations in case a change was missed, and follows purchases decided elsewhere (<see cref="CreditPurchaseSweep"/>).
/// </summary>
public sealed class AutoTopUpWatcher(CreditFeed feed, AutoTopUpService autoTopUp, CreditPurchaseSweep sweep, IConfiguration configuration, ILogger<AutoTopUpWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = feed.SubscribeAll(change => change.Cause == "purchase" ? Task.CompletedTask : autoTopUp.OnBalanceChangedAsync(change, stoppingToken));
        var seconds = configuration.GetValue("Credits:PurchaseCheckSeconds", 300);
        if (seconds <= 0)
        {
            await Task.Delay(Timeout.Infinite, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await sweep.RunAsync(stoppingToken);
                    await autoTopUp.CheckAllAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "The periodic credit purchase check failed; it runs again in {Seconds} s.", seconds);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }
}
