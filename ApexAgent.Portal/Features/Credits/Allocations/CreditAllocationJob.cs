using Quartz;

namespace ApexAgent.Portal.Features.Credits;

/// <summary>Runs the allocation pass (base catch-up, daily refresh ahead of midnight, expiry sweep) every few minutes.</summary>
[DisallowConcurrentExecution]
public sealed class CreditAllocationJob(CreditAllocationPass pass) : IJob
{
    public static readonly JobKey Key = new("credit-allocations");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await pass.RunAsync(cancellationToken);
}
