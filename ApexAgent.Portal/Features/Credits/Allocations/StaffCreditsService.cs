using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Credits;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Organizations;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Credits;

/// <summary>
/// ApexAgent staff's credit operations (permission <c>credits.operate</c>): promotional and support grants with a reason,
/// and an organisation's overdraft allowance. Both are audited (AuditedChanges: a promotional grant and a change of
/// <see cref="CreditPool.OverdraftAllowance"/>), in the same transaction as the change.
/// </summary>
public sealed class StaffCreditsService(IDbContextFactory<PortalDbContext> dbFactory, BalanceAnnouncer announcer, TimeProvider clock)
{
    public const int ReasonMin = 10;
    public const int ReasonMax = 300;
    public const int DefaultExpiryDays = 90;
    public const long MaxGrantCredits = 10_000_000;
    public const long MaxOverdraftCredits = 1_000_000;
    public const int GrantsShown = 50;

    public async Task<Result<Grant>> GrantAsync(Actor actor, StaffCreditGrant request, CancellationToken ct)
    {
        if (Refuse(actor, "grant credits") is { } refused)
        {
            return refused;
        }

        var now = clock.GetUtcNow();
        var reason = request.Reason?.Trim() ?? "";
        var expiresAt = request.ExpiresAt ?? now.AddDays(DefaultExpiryDays);
        var errors = new Dictionary<string, string[]>();
        if (reason.Length is < ReasonMin or > ReasonMax)
        {
            errors["reason"] = [$"Say why, in {ReasonMin} to {ReasonMax} characters."];
        }

        if (ToMillicredits(request.Credits, MaxGrantCredits) is not { } amount || amount.Value <= 0)
        {
            errors["credits"] = [$"Give more than 0 and at most {MaxGrantCredits:N0} credits, with at most three decimals."];
            amount = Millicredits.Zero;
        }

        if (expiresAt <= now.AddMinutes(1) || expiresAt > now.AddYears(2))
        {
            errors["expiresAt"] = ["The grant must expire in the future, within two years."];
        }

        if (errors.Count > 0)
        {
            return Error.Invalid(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await db.Organizations.AnyAsync(o => o.Id == request.OrganizationId, ct))
        {
            return Error.NotFound("organization", "organisation");
        }

        var id = Guid.CreateVersion7(now);
        var given = await CreditBooks.GiveAsync(db, new GrantRequest(request.OrganizationId, GrantKind.Promotional, amount, now, expiresAt,
            AllocationSources.Promotional(id), reason, actor.UserId), now, ct);
        if (!given.IsSuccess)
        {
            return given.Error;
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await announcer.AnnounceAsync(request.OrganizationId, "promotional_grant", ct);
        return given.Value;
    }

    public async Task<Result<Millicredits>> SetOverdraftAsync(Actor actor, Guid organizationId, decimal credits, CancellationToken ct)
    {
        if (Refuse(actor, "set overdraft allowances") is { } refused)
        {
            return refused;
        }

        if (ToMillicredits(credits, MaxOverdraftCredits) is not { } allowance || allowance.Value < 0)
        {
            return Error.Invalid(new Dictionary<string, string[]> { ["credits"] = [$"Give 0 to {MaxOverdraftCredits:N0} credits, with at most three decimals."] });
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await db.Organizations.AnyAsync(o => o.Id == organizationId, ct))
        {
            return Error.NotFound("organization", "organisation");
        }

        var pool = await db.CreditPools.FirstOrDefaultAsync(p => p.OrganizationId == organizationId, ct);
        if (pool is null)
        {
            pool = new CreditPool { OrganizationId = organizationId };
            db.CreditPools.Add(pool);
        }

        if (pool.OverdraftAllowance != allowance.Value)
        {
            pool.OverdraftAllowance = allowance.Value;
            pool.Version++;
            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        await announcer.AnnounceAsync(organizationId, "overdraft_changed", ct);
        return allowance;
    }

    public async Task<Result<StaffCreditsView>> ViewAsync(Actor actor, Guid organizationId, CancellationToken ct)
    {
        if (!actor.Can(Permission.CreditsOperate))
        {
            return OrganizationService.Forbidden("look at organisations' credits");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == organizationId).Select(o => new { o.Name, o.TimeZone }).FirstOrDefaultAsync(ct);
        if (organization is null)
        {
            return Error.NotFound("organization", "organisation");
        }

        var now = clock.GetUtcNow();
        var balance = await CreditBalances.ReadAsync(db, organizationId, now, ct);
        var grants = await db.CreditGrants.AsNoTracking().Where(g => g.OrganizationId == organizationId)
            .OrderByDescending(g => g.CreatedAt).ThenByDescending(g => g.StartsAt).Take(GrantsShown).ToListAsync(ct);
        return new StaffCreditsView(organizationId, organization.Name, organization.TimeZone, balance, balance.OverdraftAllowance, grants);
    }

    private static Error? Refuse(Actor actor, string what) =>
        !actor.Can(Permission.CreditsOperate) ? OrganizationService.Forbidden(what) : actor.RefuseIfReadOnly();

    private static Millicredits? ToMillicredits(decimal credits, long max)
    {
        if (credits > max || credits < 0)
        {
            return null; // checked first: a huge value would overflow the multiplication below
        }

        var milli = credits * Millicredits.PerCredit;
        return milli != decimal.Truncate(milli) ? null : new Millicredits((long)milli);
    }
}
