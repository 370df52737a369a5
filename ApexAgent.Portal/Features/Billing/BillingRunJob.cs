using Quartz;

namespace ApexAgent.Portal.Features.Billing;

/// <summary>Runs the billing passes every few minutes; each pass looks for what is due, so nothing depends on missed triggers.</summary>
[DisallowConcurrentExecution]
public sealed class BillingRunJob(BillingRun run) : IJob
{
    public static readonly JobKey Key = new("billing-run");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await run.RunAsync(cancellationToken);
}
