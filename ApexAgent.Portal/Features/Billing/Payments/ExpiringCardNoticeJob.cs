using Quartz;

namespace ApexAgent.Portal.Features.Billing.Payments;

/// <summary>Daily: tells organisations about cards that expire soon or have expired (each notice once).</summary>
[DisallowConcurrentExecution]
public sealed class ExpiringCardNoticeJob(ExpiringCardNotices notices) : IJob
{
    public static readonly JobKey Key = new("expiring-card-notices");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await notices.RunAsync(cancellationToken);
}
