using ApexAgent.Portal.Data;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace ApexAgent.Portal.Features.ApiKeys;

/// <summary>Writes the request counts and last-use times gathered by <see cref="ApiKeyUsageTracker"/>.</summary>
[DisallowConcurrentExecution]
public sealed class ApiKeyUsageFlushJob(ApiKeyUsageTracker tracker, IDbContextFactory<PortalDbContext> dbFactory) : IJob
{
    public static readonly JobKey Key = new("api-key-usage-flush");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await FlushAsync(cancellationToken);

    public async Task FlushAsync(CancellationToken ct)
    {
        var uses = tracker.Drain();
        if (uses.Count == 0)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        foreach (var (keyId, use) in uses)
        {
            await db.ApiKeys.Where(k => k.Id == keyId).ExecuteUpdateAsync(
                set => set
                    .SetProperty(k => k.RequestCount, k => k.RequestCount + use.Requests)
                    .SetProperty(k => k.LastUsedAt, k => k.LastUsedAt == null || k.LastUsedAt < use.LastUsedAt ? use.LastUsedAt : k.LastUsedAt),
                ct);
        }
    }
}
