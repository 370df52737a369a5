using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Organizations;

/// <summary>The acting person's organisation: what it is, its departments and teams, its name, and switching between organisations.</summary>
public sealed class OrganizationService(IDbContextFactory<PortalDbContext> dbFactory, AccessDirectory directory, AccountSnapshots snapshots, TimeProvider clock)
{
    public static readonly Error StructureNeedsTeamPlan = new(
        "structure_not_in_plan", "Departments and teams come with the Team and Enterprise plans.", ErrorKind.Forbidden);

    private static readonly Error UnitNotFound = Error.NotFound("unit", "department or team");

    public async Task<Result<OrganizationOverview>> GetAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.Can(Permission.OrganizationRead))
        {
            return Forbidden("see this organisation");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var organization = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == actor.OrganizationId, ct);
        var subscription = await db.Subscriptions.AsNoTracking().InForce().Where(s => s.OrganizationId == actor.OrganizationId)
            .Select(s => new { s.Tier, s.Seats }).FirstOrDefaultAsync(ct);
        var units = await db.OrganizationUnits.AsNoTracking().Where(u => u.OrganizationId == actor.OrganizationId).ToListAsync(ct);
        var perUnit = await db.Memberships.AsNoTracking().Where(m => m.OrganizationId == actor.OrganizationId)
            .GroupBy(m => m.UnitId).Select(g => new { Unit = g.Key, Count = g.Count() }).ToListAsync(ct);
        var pending = await OpenInvitations(db, actor.OrganizationId).CountAsync(ct);
        var tree = new OrganizationTree(units.Select(u => u.Node));
        var counts = perUnit.Where(p => p.Unit is not null).ToDictionary(p => p.Unit!.Value, p => p.Count);
        return new OrganizationOverview(
            organization.Id,
            organization.Name,
            organization.Kind,
            organization.TimeZone,
            subscription?.Tier ?? TierCode.Free,
            subscription?.Seats ?? 1,
            perUnit.Sum(p => p.Count),
            pending,
            actor.Assignment,
            tree.PathOf(actor.Assignment.Scope, organization.Name),
            Flatten(tree, organization.Name, counts, actor.Assignment.Scope));
    }

    public async Task<Result<UnitSummary>> CreateUnitAsync(Actor actor, Guid? parentId, UnitKind kind, string name, CancellationToken ct)
    {
        if (actor.RefuseIfReadOnly() is { } readOnly)
        {
            return readOnly;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (tree, refusal) = await StructureTreeAsync(db, actor, parentId, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        var now = clock.GetUtcNow();
        var checkedNode = tree.CheckNewUnit(Guid.CreateVersion7(now), parentId, kind, name);
        if (!checkedNode.IsSuccess)
        {
            return checkedNode.Error;
        }

        var node = checkedNode.Value;
        db.OrganizationUnits.Add(new OrganizationUnit { Id = node.Id, OrganizationId = actor.OrganizationId, ParentId = node.ParentId, Kind = node.Kind, Name = node.Name, CreatedAt = now });
        await db.SaveChangesAsync(ct);
        return Summarize(new OrganizationTree([.. tree.Units, node]), node.Id);
    }

    public async Task<Result<UnitSummary>> RenameUnitAsync(Actor actor, Guid unitId, string name, CancellationToken ct)
    {
        if (actor.RefuseIfReadOnly() is { } readOnly)
        {
            return readOnly;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (unit, tree, refusal) = await UnitToChangeAsync(db, actor, unitId, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        var siblings = new OrganizationTree(tree.Units.Where(u => u.Id != unit.Id && !tree.IsWithin(u.Id, unit.Id)));
        var renamed = siblings.CheckNewUnit(unit.Id, unit.ParentId, unit.Kind, name);
        if (!renamed.IsSuccess)
        {
            return renamed.Error;
        }

        unit.Name = renamed.Value.Name;
        await db.SaveChangesAsync(ct);
        return Summarize(new OrganizationTree(tree.Units.Select(u => u.Id == unit.Id ? unit.Node : u)), unit.Id);
    }

    /// <summary>Deletes an empty department or team: one without units, members or open invitations below it.</summary>
    public async Task<Result<Guid>> DeleteUnitAsync(Actor actor, Guid unitId, CancellationToken ct)
    {
        if (actor.RefuseIfReadOnly() is { } readOnly)
        {
            return readOnly;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct); // empty stays empty until the delete
        var (unit, _, refusal) = await UnitToChangeAsync(db, actor, unitId, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        var occupied = await db.OrganizationUnits.AnyAsync(u => u.ParentId == unitId, ct)
            || await db.Memberships.AnyAsync(m => m.UnitId == unitId, ct)
            || await OpenInvitations(db, actor.OrganizationId).AnyAsync(i => i.UnitId == unitId, ct);
        if (occupied)
        {
            return new Error("unit_not_empty", $"\"{unit.Name}\" still has members, invitations or units below it. Move them first.", ErrorKind.Conflict);
        }

        // Closed invitations keep their history but lose the place; an open one would have made the unit occupied.
        foreach (var closed in await db.Invitations.Where(i => i.UnitId == unitId && (i.AcceptedAt != null || i.RevokedAt != null)).ToListAsync(ct))
        {
            closed.UnitId = null;
        }

        db.OrganizationUnits.Remove(unit);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return unitId;
    }

    public async Task<Result<string>> RenameAsync(Actor actor, string name, CancellationToken ct)
    {
        if (actor.RefuseIfReadOnly() is { } readOnly)
        {
            return readOnly;
        }

        if (!actor.Can(Permission.OrganizationManage))
        {
            return Forbidden("rename the organisation");
        }

        var trimmed = name.Trim();
        if (trimmed.Length is 0 or > 200)
        {
            return Error.Invalid(new Dictionary<string, string[]> { ["Name"] = ["Give the organisation a name of 1 to 200 characters."] });
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var organization = await db.Organizations.FirstAsync(o => o.Id == actor.OrganizationId, ct);
        organization.Name = trimmed;
        await db.SaveChangesAsync(ct);
        directory.ForgetEveryone();
        snapshots.ForgetOrganization(organization.Id);
        return trimmed;
    }

    /// <summary>Makes <paramref name="organizationId"/> the organisation the person acts for, if they belong to it.</summary>
    public async Task<Result<Guid>> SwitchAsync(string userId, Guid organizationId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Memberships.AnyAsync(m => m.UserId == userId && m.OrganizationId == organizationId, ct))
        {
            return Error.NotFound("organization", "organisation of yours");
        }

        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(x => x.CurrentOrganizationId, organizationId), ct);
        directory.Forget(userId);
        return organizationId;
    }

    internal static IQueryable<Invitation> OpenInvitations(PortalDbContext db, Guid organizationId) =>
        db.Invitations.Where(i => i.OrganizationId == organizationId && i.AcceptedAt == null && i.RevokedAt == null);

    internal static async Task<OrganizationTree> TreeAsync(PortalDbContext db, Guid organizationId, CancellationToken ct) =>
        new((await db.OrganizationUnits.AsNoTracking().Where(u => u.OrganizationId == organizationId).ToListAsync(ct)).Select(u => u.Node));

    internal static IReadOnlyList<UnitSummary> Flatten(OrganizationTree tree, string organizationName, IReadOnlyDictionary<Guid, int> members, Guid? scope)
    {
        var flat = new List<UnitSummary>();
        void Walk(Guid? parent, int depth)
        {
            foreach (var unit in tree.ChildrenOf(parent))
            {
                flat.Add(new UnitSummary(unit.Id, unit.ParentId, unit.Kind, unit.Name, tree.PathOf(unit.Id, organizationName), depth, members.GetValueOrDefault(unit.Id), tree.IsWithin(unit.Id, scope)));
                Walk(unit.Id, depth + 1);
            }
        }

        Walk(null, 1);
        return flat;
    }

    private static UnitSummary Summarize(OrganizationTree tree, Guid id)
    {
        var node = tree.Find(id)!;
        return new UnitSummary(node.Id, node.ParentId, node.Kind, node.Name, tree.PathOf(id, ""), tree.DepthOf(id), 0);
    }

    /// <summary>The actor's organisation's unit <paramref name="unitId"/>, tracked, with the tree, if the actor may change it.</summary>
    private async Task<(OrganizationUnit Unit, OrganizationTree Tree, Error? Refusal)> UnitToChangeAsync(PortalDbContext db, Actor actor, Guid unitId, CancellationToken ct)
    {
        var unit = await db.OrganizationUnits.FirstOrDefaultAsync(u => u.Id == unitId && u.OrganizationId == actor.OrganizationId, ct);
        if (unit is null)
        {
            return (null!, OrganizationTree.Empty, UnitNotFound);
        }

        var (tree, refusal) = await StructureTreeAsync(db, actor, unit.Id, ct);
        return (unit, tree, refusal);
    }

    private async Task<(OrganizationTree Tree, Error? Refusal)> StructureTreeAsync(PortalDbContext db, Actor actor, Guid? at, CancellationToken ct)
    {
        var tier = await db.Subscriptions.AsNoTracking().InForce().Where(s => s.OrganizationId == actor.OrganizationId).Select(s => s.Tier).FirstOrDefaultAsync(ct);
        if (tier is not (TierCode.Team or TierCode.Enterprise))
        {
            return (OrganizationTree.Empty, StructureNeedsTeamPlan);
        }

        var tree = await TreeAsync(db, actor.OrganizationId, ct);
        if (at is { } unit && !tree.Contains(unit))
        {
            return (tree, UnitNotFound);
        }

        if (!actor.Can(Permission.StructureManage) || !OrganizationAccess.Can([actor.Assignment], tree, Permission.StructureManage, at))
        {
            return (tree, actor.Can(Permission.StructureManage) ? MembershipRules.OutsideYourScope : Forbidden("change departments and teams"));
        }

        return (tree, null);
    }

    /// <summary>The refusal for an action the actor's role does not include, in one wording for the organisation services.</summary>
    internal static Error Forbidden(string what) => new("forbidden", $"Your role does not allow you to {what}.", ErrorKind.Forbidden);

    /// <summary>The seats the organisation's subscription pays for (one without a subscription).</summary>
    internal static async Task<int> SeatsAsync(PortalDbContext db, Guid organizationId, CancellationToken ct) =>
        await db.Subscriptions.InForce().Where(s => s.OrganizationId == organizationId).Select(s => (int?)s.Seats).FirstOrDefaultAsync(ct) ?? 1;
}
