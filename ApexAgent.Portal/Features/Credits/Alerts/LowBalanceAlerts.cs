using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Organizations;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Credits.Alerts;

/// <summary>Each member's own low-balance threshold on the organisation's pool.</summary>
public sealed class LowBalanceAlerts(IDbContextFactory<PortalDbContext> dbFactory, LowBalanceCheck check, TimeProvider clock)
{
    /// <summary>The largest threshold accepted: ten million credits.</summary>
    public const long MaxThresholdCredits = 10_000_000;

    public async Task<Result<LowBalanceSetting>> GetAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.Can(Permission.CreditsRead))
        {
            return OrganizationService.Forbidden("see credit alerts");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var alert = await db.LowBalanceAlerts.AsNoTracking()
            .FirstOrDefaultAsync(a => a.OrganizationId == actor.OrganizationId && a.UserId == actor.UserId, ct);
        var balance = await CreditBalances.ReadAsync(db, actor.OrganizationId, clock.GetUtcNow(), ct);
        return new LowBalanceSetting(
            alert is null ? null : new Millicredits(alert.Threshold), alert?.IsBelow ?? false, alert?.LastNotifiedAt, balance.Available);
    }

    /// <summary>
    /// Sets (or with null removes) the caller's threshold in credits (up to three decimals). A new threshold starts armed:
    /// if the pool is already under it, the notice comes at once.
    /// </summary>
    public async Task<Result<LowBalanceSetting>> SetAsync(Actor actor, decimal? thresholdCredits, CancellationToken ct)
    {
        if (!actor.Can(Permission.CreditsRead))
        {
            return OrganizationService.Forbidden("set credit alerts");
        }

        if (actor.RefuseIfReadOnly() is { } readOnly)
        {
            return readOnly;
        }

        var errors = new FieldErrors();
        if (thresholdCredits is { } t)
        {
            errors.Require(t > 0 && t <= MaxThresholdCredits, "threshold", $"Choose a threshold above 0 and at most {MaxThresholdCredits:N0} credits.")
                .Require(decimal.Round(t, 3) == t, "threshold", "Credits have at most three decimals.");
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var alert = await db.LowBalanceAlerts.FirstOrDefaultAsync(a => a.OrganizationId == actor.OrganizationId && a.UserId == actor.UserId, ct);
            if (thresholdCredits is null)
            {
                if (alert is not null)
                {
                    db.LowBalanceAlerts.Remove(alert);
                }
            }
            else
            {
                var threshold = (long)(thresholdCredits.Value * Millicredits.PerCredit);
                if (alert is null)
                {
                    db.LowBalanceAlerts.Add(new LowBalanceAlert { OrganizationId = actor.OrganizationId, UserId = actor.UserId, Threshold = threshold });
                }
                else if (alert.Threshold != threshold)
                {
                    alert.Threshold = threshold;
                    alert.IsBelow = false;
                }
            }

            await db.SaveChangesAsync(ct);
        }

        await check.CheckAsync(actor.OrganizationId, ct);
        return await GetAsync(actor, ct);
    }
}
