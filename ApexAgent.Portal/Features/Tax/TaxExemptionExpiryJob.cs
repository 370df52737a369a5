using Quartz;

namespace ApexAgent.Portal.Features.Tax;

/// <summary>Daily: exemption certificates expiring within 30 days, and expired ones, notify the organisation once each.</summary>
[DisallowConcurrentExecution]
public sealed class TaxExemptionExpiryJob(TaxExemptionService exemptions) : IJob
{
    public static readonly JobKey Key = new("tax-exemption-expiry");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await exemptions.SendExpiryNoticesAsync(cancellationToken);
}
