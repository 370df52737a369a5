using Quartz;

namespace ApexAgent.Portal.Features.Billing.Reconciliation;

/// <summary>Every few minutes: asks the processors about charges whose outcome we never heard.</summary>
[DisallowConcurrentExecution]
public sealed class PendingPaymentReconciliationJob(PendingPaymentReconciliation reconciliation) : IJob
{
    public static readonly JobKey Key = new("pending-payment-reconciliation");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await reconciliation.RunAsync(cancellationToken);
}
