using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Credits.Live;

/// <summary>Loads the credits page for the acting person's organisation (needs <c>credits.read</c>).</summary>
public sealed class CreditsOverviewService(IDbContextFactory<PortalDbContext> dbFactory, CreditBalances balances, CreditLedgerReader ledger)
{
    public async Task<Result<CreditsOverview>> LoadAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.Can(Permission.CreditsRead))
        {
            return new Error("forbidden", "You cannot see this organisation's credits.", ErrorKind.Forbidden);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var zone = await db.Organizations.AsNoTracking().Where(o => o.Id == actor.OrganizationId).Select(o => o.TimeZone).FirstOrDefaultAsync(ct) ?? "UTC";
        var balance = await balances.GetAsync(actor.OrganizationId, ct);
        var grants = await ledger.GrantsAsync(actor.OrganizationId, GrantStatus.Live, ct);
        return new CreditsOverview(actor.OrganizationId, zone, balance, grants);
    }

    public Task<LedgerPage> LedgerAsync(Actor actor, LedgerQuery query, CancellationToken ct) =>
        actor.Can(Permission.CreditsRead) ? ledger.PageAsync(actor.OrganizationId, query, ct) : Task.FromResult(new LedgerPage([], null));
}
