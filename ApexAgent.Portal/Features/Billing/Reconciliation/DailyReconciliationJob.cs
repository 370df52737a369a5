using Quartz;

namespace ApexAgent.Portal.Features.Billing.Reconciliation;

/// <summary>Hourly: reconciles yesterday (UTC) once it has not been; a missed night is caught up on the next hour.</summary>
[DisallowConcurrentExecution]
public sealed class DailyReconciliationJob(PaymentReconciliation reconciliation) : IJob
{
    public static readonly JobKey Key = new("daily-payment-reconciliation");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await reconciliation.RunYesterdayAsync(cancellationToken);
}
