using ApexAgent.Domain.Common;
using ApexAgent.Domain.Credits;
using ApexAgent.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Credits;

/// <summary>
/// Grant-side writes of the credit ledger, inside the caller's unit of work (the caller saves, in its transaction):
/// each adds the ledger entry and keeps the grant's figures equal to the sum of its entries. Usage is written by the
/// batched usage writer, not here.
/// </summary>
public static class CreditBooks
{
    /// <summary>
    /// Adds a grant and its Granted entry. One grant per source and organisation: a second is refused with
    /// <c>grant_already_given</c> (and the unique index backs that up against a concurrent writer).
    /// </summary>
    public static async Task<Result<Grant>> GiveAsync(PortalDbContext db, GrantRequest request, DateTimeOffset now, CancellationToken ct)
    {
        var candidate = new CreditGrant(Guid.CreateVersion7(now), request.Kind, request.Amount, request.StartsAt, request.ExpiresAt, request.Source);
        if (candidate.Validate() is { } invalid)
        {
            return invalid;
        }

        var given = db.CreditGrants.Local.Any(g => g.OrganizationId == request.OrganizationId && g.Source == request.Source)
            || await db.CreditGrants.AnyAsync(g => g.OrganizationId == request.OrganizationId && g.Source == request.Source, ct);
        if (given)
        {
            return new Error("grant_already_given", $"Credits from {request.Source} were already granted.", ErrorKind.Conflict);
        }

        return Add(db, candidate.Id, request, now);
    }

    private static Grant Add(PortalDbContext db, Guid id, GrantRequest request, DateTimeOffset now)
    {
        var grant = new Grant
        {
            Id = id,
            OrganizationId = request.OrganizationId,
            Kind = request.Kind,
            Amount = request.Amount.Value,
            Remaining = request.Amount.Value,
            StartsAt = request.StartsAt,
            ExpiresAt = request.ExpiresAt,
            Source = request.Source,
            Description = request.Description,
            GrantedBy = request.GrantedBy,
            CreatedAt = now,
        };
        db.CreditGrants.Add(grant);
        db.CreditEntries.Add(Entry(grant, LedgerEntryKind.Granted, grant.Amount, now, request.Description));
        return grant;
    }

    /// <summary>
    /// Adds many grants at once (e.g. a renewal batch's base credits): one query finds the sources already given, which
    /// are skipped; answers the grants added.
    /// </summary>
    public static async Task<IReadOnlyList<Grant>> GiveManyAsync(PortalDbContext db, IReadOnlyCollection<GrantRequest> requests, DateTimeOffset now, CancellationToken ct)
    {
        if (requests.Count == 0)
        {
            return [];
        }

        var organizations = requests.Select(r => r.OrganizationId).Distinct().ToList();
        var sources = requests.Select(r => r.Source).Distinct().ToList();
        var given = (await db.CreditGrants.AsNoTracking()
                .Where(g => organizations.Contains(g.OrganizationId) && sources.Contains(g.Source))
                .Select(g => new { g.OrganizationId, g.Source }).ToListAsync(ct))
            .Select(g => (g.OrganizationId, g.Source))
            .Concat(db.CreditGrants.Local.Select(g => (g.OrganizationId, g.Source)))
            .ToHashSet();
        var added = new List<Grant>();
        foreach (var request in requests)
        {
            var candidate = new CreditGrant(Guid.CreateVersion7(now), request.Kind, request.Amount, request.StartsAt, request.ExpiresAt, request.Source);
            if (candidate.Validate() is null && given.Add((request.OrganizationId, request.Source)))
            {
                added.Add(Add(db, candidate.Id, request, now));
            }
        }

        return added;
    }

    /// <summary>Takes back up to <paramref name="amount"/> of what is left of a grant (never more); answers what was taken.</summary>
    public static Millicredits ClawBack(PortalDbContext db, Grant grant, Millicredits amount, string reason, DateTimeOffset now)
    {
        var take = Math.Min(Math.Max(0, amount.Value), Math.Max(0, grant.Remaining));
        if (take > 0)
        {
            grant.Remaining -= take;
            grant.ClawedBack += take;
            db.CreditEntries.Add(Entry(grant, LedgerEntryKind.ClawedBack, -take, now, reason));
        }

        return new Millicredits(take);
    }

    /// <summary>Writes off what is left of an ended grant, dated at its expiry; answers what was written off.</summary>
    public static Millicredits Expire(PortalDbContext db, Grant grant, DateTimeOffset now)
    {
        var left = Math.Max(0, grant.Remaining);
        grant.ExpiredAt ??= now;
        if (left > 0)
        {
            grant.Remaining -= left;
            grant.Expired += left;
            db.CreditEntries.Add(Entry(grant, LedgerEntryKind.Expired, -left, grant.ExpiresAt, grant.Description));
        }

        return new Millicredits(left);
    }

    private static CreditEntry Entry(Grant grant, LedgerEntryKind kind, long change, DateTimeOffset at, string note) => new()
    {
        OrganizationId = grant.OrganizationId,
        Kind = kind,
        GrantId = grant.Id,
        GrantKind = grant.Kind,
        Change = change,
        At = at,
        Note = note.Length > 300 ? note[..300] : note,
    };
}
