using ApexAgent.Domain.Common;

namespace ApexAgent.Domain.Accounts;

/// <summary>
/// An organisation's departments and teams. The organisation itself is the root, written as a null unit id;
/// a role held at a node reaches everything below it.
/// </summary>
public sealed class OrganizationTree
{
    public const int MaximumDepth = 6;

    private readonly Dictionary<Guid, OrganizationUnitNode> nodes;
    private readonly ILookup<Guid?, OrganizationUnitNode> children;

    public OrganizationTree(IEnumerable<OrganizationUnitNode> units)
    {
        nodes = units.ToDictionary(u => u.Id);
        foreach (var node in nodes.Values)
        {
            if (node.ParentId is { } parent && !nodes.ContainsKey(parent))
            {
                throw new ArgumentException($"Unit {node.Id} names a parent {parent} that is not in the tree.", nameof(units));
            }
        }

        children = nodes.Values.OrderBy(n => n.Kind).ThenBy(n => n.Name, StringComparer.CurrentCultureIgnoreCase).ToLookup(n => n.ParentId);
        foreach (var node in nodes.Values)
        {
            _ = DepthOf(node.Id); // throws on a cycle
        }
    }

    public static OrganizationTree Empty { get; } = new([]);

    public IReadOnlyCollection<OrganizationUnitNode> Units => nodes.Values;

    public bool Contains(Guid unit) => nodes.ContainsKey(unit);

    public OrganizationUnitNode? Find(Guid? unit) => unit is { } id && nodes.TryGetValue(id, out var node) ? node : null;

    /// <summary>The units directly below <paramref name="parent"/> (null: the organisation's top level), departments first.</summary>
    public IEnumerable<OrganizationUnitNode> ChildrenOf(Guid? parent) => children[parent];

    /// <summary>True when <paramref name="unit"/> is <paramref name="scope"/> or lies below it. Everything lies within the organisation (a null scope).</summary>
    public bool IsWithin(Guid? unit, Guid? scope)
    {
        if (scope is null)
        {
            return true;
        }

        for (var current = unit; current is { } id; current = nodes.TryGetValue(id, out var node) ? node.ParentId : null)
        {
            if (id == scope)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><paramref name="scope"/> and every unit below it; for the organisation, every unit.</summary>
    public IReadOnlySet<Guid> SubtreeOf(Guid? scope) =>
        nodes.Keys.Where(id => IsWithin(id, scope)).ToHashSet();

    /// <summary>The names from the top of the tree down to the unit, e.g. "Engineering › Platform"; the organisation for null.</summary>
    public string PathOf(Guid? unit, string organizationName)
    {
        var names = new List<string>();
        for (var current = Find(unit); current is not null; current = Find(current.ParentId))
        {
            names.Add(current.Name);
        }

        names.Reverse();
        return names.Count == 0 ? organizationName : string.Join(" › ", names);
    }

    public int DepthOf(Guid unit)
    {
        var depth = 0;
        for (var current = Find(unit); current is not null; current = Find(current.ParentId))
        {
            if (++depth > nodes.Count)
            {
                throw new ArgumentException("The units form a cycle.");
            }
        }

        return depth;
    }

    /// <summary>
    /// Whether a unit of <paramref name="kind"/> may be placed under <paramref name="parent"/>: departments sit under the
    /// organisation or another department, teams under anything; names are unique among siblings.
    /// </summary>
    public Result<OrganizationUnitNode> CheckNewUnit(Guid id, Guid? parent, UnitKind kind, string name)
    {
        var trimmed = name.Trim();
        if (trimmed.Length is 0 or > 100)
        {
            return Error.Invalid(new Dictionary<string, string[]> { ["Name"] = ["Give the unit a name of 1 to 100 characters."] });
        }

        var parentNode = Find(parent);
        if (parent is not null && parentNode is null)
        {
            return Error.NotFound("unit", "department or team");
        }

        if (kind == UnitKind.Department && parentNode?.Kind == UnitKind.Team)
        {
            return new Error("department_under_team", "A department cannot sit inside a team. Put it under the organisation or another department.");
        }

        if (parentNode is not null && DepthOf(parentNode.Id) >= MaximumDepth)
        {
            return new Error("tree_too_deep", $"Departments and teams nest at most {MaximumDepth} levels deep.");
        }

        if (ChildrenOf(parent).Any(c => string.Equals(c.Name, trimmed, StringComparison.OrdinalIgnoreCase)))
        {
            return new Error("unit_name_taken", $"There is already a unit called \"{trimmed}\" here.", ErrorKind.Conflict);
        }

        return new OrganizationUnitNode(id, parent, kind, trimmed);
    }
}
