using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Compliance;
using ApexAgent.Portal.Features.Audit;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Support;

/// <summary>
/// Support staff finding customers and opening "view as customer": a reason is required, the view is read-only and
/// ends after <see cref="SupportView.Lifetime"/>. Starting and ending a view are audited in the customer's
/// organisation (the <see cref="SupportView"/> row is an audited entity), and so is every page viewed.
/// </summary>
public sealed class SupportViewService(IDbContextFactory<PortalDbContext> dbFactory, AccessDirectory directory, AuditTrail audit, TimeProvider clock)
{
    public const int ShortestReason = 10;

    public async Task<Result<IReadOnlyList<SupportSearchResult>>> SearchAsync(Actor actor, string query, CancellationToken ct)
    {
        if (!actor.Can(Permission.SupportAccountsRead))
        {
            return new Error("forbidden", "Only support staff can search accounts.", ErrorKind.Forbidden);
        }

        var term = query.Trim().ToUpperInvariant();
        if (term.Length < 2)
        {
            return new List<SupportSearchResult>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var byOrganization = db.Memberships.Where(m => db.Organizations.Any(o => o.Id == m.OrganizationId && o.Name.ToUpper().Contains(term))).Select(m => m.UserId);
        var users = await db.Users.AsNoTracking()
            .Where(u => u.NormalizedEmail!.Contains(term) || u.Profile.DisplayName.ToUpper().Contains(term) || byOrganization.Contains(u.Id))
            .OrderBy(u => u.Email)
            .Take(25)
            .Select(u => new { u.Id, u.Email, u.Profile.DisplayName, u.CreatedAt })
            .ToListAsync(ct);
        var ids = users.Select(u => u.Id).ToList();
        var places = await (from m in db.Memberships.AsNoTracking()
                            where ids.Contains(m.UserId)
                            join o in db.Organizations on m.OrganizationId equals o.Id
                            join s in db.Subscriptions.InForce() on o.Id equals s.OrganizationId into subscriptions
                            from s in subscriptions.DefaultIfEmpty()
                            select new { m.UserId, o.Id, o.Name, o.Kind, Tier = s == null ? TierCode.Free : s.Tier, m.Role }).ToListAsync(ct);
        return users.Select(u => new SupportSearchResult(
                u.Id,
                string.IsNullOrWhiteSpace(u.DisplayName) ? u.Email ?? "" : u.DisplayName,
                u.Email ?? "",
                u.CreatedAt,
                places.Where(p => p.UserId == u.Id).Select(p => new SupportSearchPlace(p.Id, p.Name, p.Kind, p.Tier, p.Role)).ToList()))
            .ToList();
    }

    /// <summary>Opens a read-only view of <paramref name="customerUserId"/>'s portal in <paramref name="organizationId"/>; any earlier view of this staff member ends.</summary>
    public async Task<Result<SupportView>> StartAsync(Actor staff, string customerUserId, Guid organizationId, string reason, CancellationToken ct)
    {
        if (staff.RefuseIfReadOnly() is { } nested)
        {
            return nested;
        }

        if (!staff.Can(Permission.SupportImpersonate))
        {
            return new Error("forbidden", "Only support staff can view the portal as a customer.", ErrorKind.Forbidden);
        }

        var why = reason.Trim();
        if (why.Length < ShortestReason || why.Length > 500)
        {
            return Error.Invalid(new Dictionary<string, string[]> { ["Reason"] = [$"Say why you need to see this account ({ShortestReason} to 500 characters), e.g. the ticket number and the question."] });
        }

        if (customerUserId == staff.UserId)
        {
            return new Error("cannot_view_yourself", "You cannot open a support view of your own account.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Memberships.AnyAsync(m => m.UserId == customerUserId && m.OrganizationId == organizationId, ct))
        {
            return Error.NotFound("customer", "customer in that organisation");
        }

        if (await db.Users.AnyAsync(u => u.Id == customerUserId && u.PlatformRole != null, ct))
        {
            return new Error("cannot_view_staff", "Support views are for customers; ApexAgent staff accounts cannot be viewed this way.", ErrorKind.Forbidden);
        }

        var now = clock.GetUtcNow();
        foreach (var open in await db.SupportViews.Where(v => v.SupportUserId == staff.UserId && v.EndedAt == null).ToListAsync(ct))
        {
            open.EndedAt = now;
        }

        var view = new SupportView
        {
            Id = Guid.CreateVersion7(now),
            SupportUserId = staff.UserId,
            CustomerUserId = customerUserId,
            OrganizationId = organizationId,
            Reason = why,
            StartedAt = now,
            ExpiresAt = now + SupportView.Lifetime,
        };
        db.SupportViews.Add(view);
        await db.SaveChangesAsync(ct);
        directory.Forget(staff.UserId);
        return view;
    }

    /// <summary>Ends the staff member's open view, if any. Safe to call when none is open.</summary>
    public async Task EndAsync(string supportUserId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var open in await db.SupportViews.Where(v => v.SupportUserId == supportUserId && v.EndedAt == null).ToListAsync(ct))
        {
            open.EndedAt = open.ExpiresAt < now ? open.ExpiresAt : now;
        }

        await db.SaveChangesAsync(ct);
        directory.Forget(supportUserId);
    }

    /// <summary>Audits, in the customer's organisation, that the staff member behind <paramref name="actor"/> viewed <paramref name="path"/>.</summary>
    public async Task RecordPageViewAsync(Actor actor, string path, CancellationToken ct)
    {
        if (actor.ImpersonatorUserId is not { } staff || (await ActiveAsync(staff, ct)) is not { } view)
        {
            return;
        }

        var page = "/" + path.TrimStart('/');
        await audit.RecordAsync(
            AuditActions.SupportViewPageViewed,
            view.Place.OrganizationId,
            nameof(SupportView),
            view.Id.ToString(),
            new { page = page.Length > 300 ? page[..300] : page },
            view.Reason,
            AuditActor.From(actor, ActingContext.Current?.IpAddress),
            ct);
    }

    /// <summary>The open view of <paramref name="supportUserId"/>, if any, as the banner shows it.</summary>
    public async Task<ActiveSupportView?> ActiveAsync(string supportUserId, CancellationToken ct) =>
        (await directory.FindAsync(supportUserId, ct))?.View is { } view && view.ExpiresAt > clock.GetUtcNow() ? view : null;
}
