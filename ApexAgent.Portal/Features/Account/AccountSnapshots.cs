using System.Collections.Concurrent;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Account;

/// <summary>
/// An in-memory cache of <see cref="AccountSnapshot"/>s, so that <c>GET /api/v1/me</c> and the dashboard do not
/// query the database on every call. Writers call <see cref="Forget"/>; entries also expire after a minute so
/// that a second instance converges.
/// </summary>
public sealed class AccountSnapshots(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private const int PruneAbove = 10_000;
    private readonly ConcurrentDictionary<(string UserId, Guid OrganizationId), (AccountSnapshot Snapshot, DateTimeOffset Until)> entries = new();

    public async ValueTask<AccountSnapshot?> GetAsync(Actor actor, CancellationToken ct)
    {
        var key = (actor.UserId, actor.OrganizationId);
        var now = clock.GetUtcNow();
        if (entries.TryGetValue(key, out var entry) && entry.Until > now)
        {
            return entry.Snapshot;
        }

        var snapshot = await LoadAsync(actor, ct);
        if (snapshot is not null)
        {
            entries[key] = (snapshot, now + Lifetime);
        }

        if (entries.Count > PruneAbove)
        {
            foreach (var expired in entries.Where(e => e.Value.Until <= now).Select(e => e.Key).ToList())
            {
                entries.TryRemove(expired, out _);
            }
        }

        return snapshot;
    }

    public void Forget(string userId)
    {
        foreach (var key in entries.Keys.Where(k => k.UserId == userId))
        {
            entries.TryRemove(key, out _);
        }
    }

    public void ForgetOrganization(Guid organizationId)
    {
        foreach (var key in entries.Keys.Where(k => k.OrganizationId == organizationId))
        {
            entries.TryRemove(key, out _);
        }
    }

    private async Task<AccountSnapshot?> LoadAsync(Actor actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query =
            from user in db.Users
            where user.Id == actor.UserId
            from membership in db.Memberships
            where membership.UserId == user.Id && membership.OrganizationId == actor.OrganizationId
            from organization in db.Organizations
            where organization.Id == membership.OrganizationId
            from subscription in db.Subscriptions.InForce()
            where subscription.OrganizationId == organization.Id
            select new AccountSnapshot(
                user.Id,
                user.Email!,
                user.Profile.DisplayName,
                user.EmailConfirmed,
                user.Profile.TimeZone,
                user.Profile.Country,
                organization.Id,
                organization.Name,
                organization.Kind,
                subscription.Tier,
                subscription.TierVersion,
                subscription.Cycle,
                subscription.Seats,
                subscription.Status,
                subscription.CurrentPeriodStart,
                subscription.CurrentPeriodEnd,
                subscription.BillingAnchor);
        return await query.AsNoTracking().FirstOrDefaultAsync(ct);
    }
}
