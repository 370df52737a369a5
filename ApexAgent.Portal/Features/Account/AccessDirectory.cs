using ApexAgent.Domain.Accounts;
using ApexAgent.Portal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace ApexAgent.Portal.Features.Account;

/// <summary>
/// Looks up <see cref="PersonAccess"/> through a private in-memory cache, so that every request knows who may do
/// what without a database round trip. Whatever changes a membership, a role, a current organisation or a support
/// view calls <see cref="Forget"/>, so the next request sees it; entries also expire after a minute so that a second
/// instance converges, and never outlive the support view they describe.
/// </summary>
public sealed class AccessDirectory(IDbContextFactory<PortalDbContext> dbFactory, IServiceScopeFactory scopes, TimeProvider clock) : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 100_000 });
    private long generation;

    /// <summary>The person's access, or null when no such user exists.</summary>
    public async ValueTask<PersonAccess?> FindAsync(string userId, CancellationToken ct)
    {
        if (cache.TryGetValue(userId, out PersonAccess? known))
        {
            return known;
        }

        var before = Interlocked.Read(ref generation);
        var access = await LoadAsync(userId, ct);
        if (access is not null && Interlocked.Read(ref generation) == before)
        {
            var now = clock.GetUtcNow();
            var until = access.View is { } view && view.ExpiresAt - now < Lifetime ? view.ExpiresAt - now : Lifetime;
            if (until > TimeSpan.Zero)
            {
                cache.Set(userId, access, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = until, Size = 1 });
            }
        }

        return access;
    }

    /// <summary>
    /// <paramref name="opened"/> as of now: the same organisation (or support view) with the role held there now.
    /// An interactive page keeps the principal it was opened with; it calls this before every action, so that a
    /// removal, a demotion or an ended support view applies to the very next click. Someone who is no longer a
    /// member, or whose view has ended, gets an actor without permissions, which every service refuses.
    /// </summary>
    public async ValueTask<Actor> RefreshAsync(Actor opened, CancellationToken ct)
    {
        if (opened.ApiKeyId is not null)
        {
            return opened; // API requests are resolved afresh on every request already
        }

        var now = clock.GetUtcNow();
        if (opened.ImpersonatorUserId is { } staff)
        {
            var viewer = await FindAsync(staff, ct);
            return viewer?.View is { } view && view.Id == opened.ImpersonationId && view.ExpiresAt > now
                ? viewer.ActingActor(now)
                : Locked(opened);
        }

        var access = await FindAsync(opened.UserId, ct);
        return access?.In(opened.OrganizationId) is { } place ? access.ActorIn(place) : Locked(opened);
    }

    private static Actor Locked(Actor opened) =>
        opened with { Permissions = new HashSet<string>(), Assignment = new RoleAssignment(OrganizationRole.Member, null) };

    public void Forget(string userId)
    {
        Interlocked.Increment(ref generation);
        cache.Remove(userId);
    }

    /// <summary>For changes that touch many people at once (an organisation renamed, a unit deleted).</summary>
    public void ForgetEveryone()
    {
        Interlocked.Increment(ref generation);
        cache.Compact(1.0);
    }

    public void Dispose() => cache.Dispose();

    private async Task<PersonAccess?> LoadAsync(string userId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.Id, u.Email, u.Profile.DisplayName, u.PlatformRole, u.CurrentOrganizationId })
            .FirstOrDefaultAsync(ct);
        if (user is null)
        {
            return null;
        }

        var places = await PlacesAsync(db, userId, ct);
        if (places.Count == 0)
        {
            // Registration opens the personal organisation; should that have failed, the next request repairs it.
            await using var scope = scopes.CreateAsyncScope();
            var full = await db.Users.FirstAsync(u => u.Id == userId, ct);
            await scope.ServiceProvider.GetRequiredService<AccountOnboarding>().OpenPersonalOrganizationAsync(full, ct);
            places = await PlacesAsync(db, userId, ct);
        }

        var current = user.CurrentOrganizationId is { } chosen && places.Any(p => p.OrganizationId == chosen)
            ? chosen
            : places.OrderByDescending(p => p.Assignment.Role).First().OrganizationId;
        var view = user.PlatformRole is null ? null : await ActiveViewAsync(db, userId, ct);
        var name = string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? "" : user.DisplayName;
        return new PersonAccess(user.Id, name, user.Email ?? "", user.PlatformRole, places, current, view);
    }

    private static async Task<List<OrganizationPlace>> PlacesAsync(PortalDbContext db, string userId, CancellationToken ct) =>
        (await (from membership in db.Memberships.AsNoTracking()
                where membership.UserId == userId
                join organization in db.Organizations on membership.OrganizationId equals organization.Id
                orderby membership.CreatedAt
                select new { organization.Id, organization.Name, organization.Kind, membership.Role, membership.UnitId })
            .ToListAsync(ct))
        .Select(p => new OrganizationPlace(p.Id, p.Name, p.Kind, new RoleAssignment(p.Role, p.UnitId)))
        .ToList();

    private async Task<ActiveSupportView?> ActiveViewAsync(PortalDbContext db, string userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var view = await (
                from v in db.SupportViews.AsNoTracking()
                where v.SupportUserId == userId && v.EndedAt == null && v.ExpiresAt > now
                join customer in db.Users on v.CustomerUserId equals customer.Id
                join membership in db.Memberships on new { v.OrganizationId, UserId = v.CustomerUserId } equals new { membership.OrganizationId, membership.UserId }
                join organization in db.Organizations on v.OrganizationId equals organization.Id
                orderby v.StartedAt descending
                select new
                {
                    v.Id, v.CustomerUserId, customer.Email, customer.Profile.DisplayName, v.Reason, v.ExpiresAt,
                    OrganizationId = organization.Id, OrganizationName = organization.Name, organization.Kind, membership.Role, membership.UnitId,
                })
            .FirstOrDefaultAsync(ct);
        return view is null
            ? null
            : new ActiveSupportView(
                view.Id,
                view.CustomerUserId,
                string.IsNullOrWhiteSpace(view.DisplayName) ? view.Email ?? "" : view.DisplayName,
                view.Email ?? "",
                new OrganizationPlace(view.OrganizationId, view.OrganizationName, view.Kind, new RoleAssignment(view.Role, view.UnitId)),
                view.Reason,
                view.ExpiresAt);
    }
}
