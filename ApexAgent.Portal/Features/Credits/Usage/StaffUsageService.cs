using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Credits.Usage;

/// <summary>The read side of the staff usage page: an organisation's recent usage events, paged.</summary>
public sealed class StaffUsageService(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    public const int PageSize = 25;

    public async Task<Result<StaffUsagePage>> GetAsync(Actor actor, Guid organizationId, int page, CancellationToken ct)
    {
        if (!actor.Can(Permission.CreditsOperate))
        {
            return new Error("forbidden", "Only ApexAgent staff may see another organisation's usage.", ErrorKind.Forbidden);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var name = await db.Organizations.Where(o => o.Id == organizationId).Select(o => o.Name).FirstOrDefaultAsync(ct);
        if (name is null)
        {
            return Error.NotFound("organization", "organisation");
        }

        var total = await db.UsageEvents.CountAsync(u => u.OrganizationId == organizationId, ct);
        page = Math.Clamp(page, 0, Math.Max(0, (total - 1) / PageSize));
        var events = await db.UsageEvents.AsNoTracking()
            .Where(u => u.OrganizationId == organizationId)
            .OrderByDescending(u => u.Id)
            .Skip(page * PageSize).Take(PageSize)
            .Select(u => new StaffUsageRow(
                u.Id, u.EventId, u.Feature, u.QuantityThousandths,
                db.Users.Where(p => p.Id == u.UserId).Select(p => p.Email).FirstOrDefault(),
                u.OccurredAt, u.Deducted, u.BalanceAfter, u.ReversedAt, u.ReversalReason))
            .ToListAsync(ct);
        var balance = await CreditBalances.ReadAsync(db, organizationId, clock.GetUtcNow(), ct);
        return new StaffUsagePage(organizationId, name, balance.Available.Value, total, page, events);
    }
}
