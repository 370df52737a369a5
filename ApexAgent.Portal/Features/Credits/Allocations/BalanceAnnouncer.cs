using ApexAgent.Domain.Common;
using ApexAgent.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Credits;

/// <summary>
/// Tells the <see cref="CreditFeed"/> the new available balance of organisations whose grants moved, after the commit:
/// one organisation, or many with one grouped read (a renewal batch, the expiry sweep).
/// </summary>
public sealed class BalanceAnnouncer(IDbContextFactory<PortalDbContext> dbFactory, CreditFeed feed, TimeProvider clock, ILogger<BalanceAnnouncer> logger)
{
    public Task AnnounceAsync(Guid organizationId, string cause, CancellationToken ct) => AnnounceAsync([organizationId], cause, ct);

    public async Task AnnounceAsync(IReadOnlyCollection<Guid> organizations, string cause, CancellationToken ct)
    {
        if (organizations.Count == 0)
        {
            return;
        }

        try
        {
            var now = clock.GetUtcNow();
            var ids = organizations.Distinct().ToList();
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            foreach (var (id, available) in await CreditBalances.AvailableAsync(db, ids, now, ct))
            {
                feed.Publish(id, available, now, cause);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not announce the new credit balances ({Cause}).", cause);
        }
    }
}
