using ApexAgent.Domain.Accounts;

namespace ApexAgent.Tests.Domain.Accounts;

/// <summary>
/// Permission inheritance from organisation to department to team, property-tested on random trees against a naive
/// reference written here: every case is generated from <c>new Random(seed)</c>, so a failure names the seed that
/// reproduces it.
/// </summary>
public sealed class OrganizationAccessPropertyTests
{
    private const int Cases = 500;

    [Fact]
    public void Permissions_at_every_place_match_the_naive_reference()
    {
        foreach (var org in RandomOrganization.Cases(Cases))
        {
            foreach (var place in org.Places)
            {
                var expected = Reference(org, org.Assignments, place);
                var actual = OrganizationAccess.PermissionsAt(org.Assignments, org.Tree, place);
                AssertSameSet(expected, actual, $"{org.Describe()} at {org.Name(place)}");

                foreach (var permission in Permission.All)
                {
                    Assert.True(
                        expected.Contains(permission) == OrganizationAccess.Can(org.Assignments, org.Tree, permission, place),
                        $"{org.Describe()}: Can({permission}) at {org.Name(place)} should be {expected.Contains(permission)}");
                }
            }
        }
    }

    [Fact]
    public void A_child_holds_at_least_every_permission_its_parent_holds()
    {
        var checkedEdges = 0;
        foreach (var org in RandomOrganization.Cases(Cases))
        {
            foreach (var unit in org.Units)
            {
                var atChild = OrganizationAccess.PermissionsAt(org.Assignments, org.Tree, unit.Id);
                var atParent = OrganizationAccess.PermissionsAt(org.Assignments, org.Tree, unit.ParentId);
                Assert.True(
                    atChild.IsSupersetOf(atParent),
                    $"{org.Describe()}: {org.Name(unit.Id)} lacks [{string.Join(", ", atParent.Except(atChild))}] held at its parent {org.Name(unit.ParentId)}");
                checkedEdges++;
            }
        }

        Assert.True(checkedEdges > Cases, $"the generator should produce parent-child pairs, checked only {checkedEdges}");
    }

    [Fact]
    public void A_role_held_at_a_unit_grants_nothing_at_its_ancestors_siblings_or_anywhere_outside_it()
    {
        var checkedPlaces = 0;
        foreach (var org in RandomOrganization.Cases(Cases))
        {
            var random = new Random(org.Seed + 1_000_000);
            foreach (var unit in org.Units)
            {
                var extra = new RoleAssignment(RandomOrganization.AnyRole(random), unit.Id);
                var outside = org.Places.Where(p => !org.IsAncestorOrSelf(unit.Id, p)).ToList();
                Assert.Contains(null, outside);
                Assert.All(org.AncestorsOf(unit.Id), a => Assert.Contains(a, outside));
                Assert.All(org.Units.Where(s => s.ParentId == unit.ParentId && s.Id != unit.Id), s => Assert.Contains(s.Id, outside));

                foreach (var place in outside)
                {
                    // On its own, the unit role leaves only what every member may do.
                    AssertSameSet(
                        Permission.Customer,
                        OrganizationAccess.PermissionsAt([extra], org.Tree, place),
                        $"{org.Describe()}: only {extra.Role}@{org.Name(unit.Id)}, at {org.Name(place)}");

                    // Added to the other roles, it changes nothing there: baseline and organisation-wide roles stay all there is.
                    AssertSameSet(
                        OrganizationAccess.PermissionsAt(org.Assignments, org.Tree, place),
                        OrganizationAccess.PermissionsAt([.. org.Assignments, extra], org.Tree, place),
                        $"{org.Describe()} plus {extra.Role}@{org.Name(unit.Id)}, at {org.Name(place)}");
                    checkedPlaces++;
                }
            }
        }

        Assert.True(checkedPlaces > Cases, $"the generator should produce places outside units, checked only {checkedPlaces}");
    }

    [Fact]
    public void A_role_held_at_a_unit_grants_its_unit_scoped_permissions_there_and_below()
    {
        foreach (var org in RandomOrganization.Cases(Cases))
        {
            var random = new Random(org.Seed + 2_000_000);
            foreach (var unit in org.Units)
            {
                var role = RandomOrganization.AnyRole(random);
                var granted = OrganizationRoles.PermissionsOf(role).Where(Permission.UnitScoped.Contains).ToList();
                foreach (var place in org.Tree.SubtreeOf(unit.Id))
                {
                    var actual = OrganizationAccess.PermissionsAt([new RoleAssignment(role, unit.Id)], org.Tree, place);
                    AssertSameSet(
                        Permission.Customer.Concat(granted),
                        actual,
                        $"{org.Describe()}: only {role}@{org.Name(unit.Id)}, at {org.Name(place)}");
                }
            }
        }
    }

    [Fact]
    public void Permissions_anywhere_are_the_union_of_the_permissions_at_every_place()
    {
        foreach (var org in RandomOrganization.Cases(Cases))
        {
            var anywhere = OrganizationAccess.PermissionsAnywhere(org.Assignments);
            var union = new HashSet<string>(StringComparer.Ordinal);
            foreach (var place in org.Places)
            {
                var at = OrganizationAccess.PermissionsAt(org.Assignments, org.Tree, place);
                Assert.True(
                    anywhere.IsSupersetOf(at),
                    $"{org.Describe()}: PermissionsAnywhere lacks [{string.Join(", ", at.Except(anywhere))}] held at {org.Name(place)}");
                union.UnionWith(at);
            }

            // Every assignment's scope is a unit of the tree, so nothing is held "anywhere" that is not held somewhere.
            AssertSameSet(union, anywhere, $"{org.Describe()}: PermissionsAnywhere");
        }
    }

    [Fact]
    public void Roles_held_only_at_units_never_grant_organisation_wide_permissions()
    {
        foreach (var org in RandomOrganization.Cases(Cases))
        {
            var atUnits = org.Assignments.Where(a => a.Scope is not null).ToList();
            var allowed = Permission.Customer.Concat(Permission.UnitScoped).ToHashSet(StringComparer.Ordinal);
            var anywhere = OrganizationAccess.PermissionsAnywhere(atUnits);
            Assert.True(
                anywhere.IsSubsetOf(allowed),
                $"{org.Describe()}: unit roles grant [{string.Join(", ", anywhere.Except(allowed))}]");
        }
    }

    [Fact]
    public void Raising_any_role_never_takes_a_permission_away_anywhere()
    {
        var raised = 0;
        foreach (var org in RandomOrganization.Cases(Cases))
        {
            for (var i = 0; i < org.Assignments.Count; i++)
            {
                var assignment = org.Assignments[i];
                foreach (var higher in Enum.GetValues<OrganizationRole>().Where(r => r > assignment.Role))
                {
                    var after = org.Assignments.Select((a, j) => j == i ? a with { Role = higher } : a).ToList();
                    foreach (var place in org.Places)
                    {
                        var before = OrganizationAccess.PermissionsAt(org.Assignments, org.Tree, place);
                        var now = OrganizationAccess.PermissionsAt(after, org.Tree, place);
                        Assert.True(
                            now.IsSupersetOf(before),
                            $"{org.Describe()}: raising {assignment.Role}@{org.Name(assignment.Scope)} to {higher} loses [{string.Join(", ", before.Except(now))}] at {org.Name(place)}");
                    }

                    raised++;
                }
            }
        }

        Assert.True(raised > Cases, $"the generator should produce roles that can be raised, raised only {raised}");
    }

    [Fact]
    public void The_order_of_assignments_does_not_matter()
    {
        foreach (var org in RandomOrganization.Cases(Cases))
        {
            var reversed = org.Assignments.Reverse().ToList();
            foreach (var place in org.Places)
            {
                AssertSameSet(
                    OrganizationAccess.PermissionsAt(org.Assignments, org.Tree, place),
                    OrganizationAccess.PermissionsAt(reversed, org.Tree, place),
                    $"{org.Describe()} reversed, at {org.Name(place)}");
            }
        }
    }

    [Fact]
    public void The_generator_covers_deep_trees_teams_under_departments_and_every_kind_of_assignment()
    {
        var cases = RandomOrganization.Cases(Cases).ToList();

        Assert.Contains(cases, c => c.Units.Count == 0);
        Assert.Contains(cases, c => c.Units.Any(u => c.Tree.DepthOf(u.Id) == OrganizationTree.MaximumDepth));
        Assert.Contains(cases, c => c.Units.Any(u => u.Kind == UnitKind.Team && c.Tree.Find(u.ParentId)?.Kind == UnitKind.Department));
        Assert.Contains(cases, c => c.Units.Any(u => u.Kind == UnitKind.Team && c.Tree.Find(u.ParentId)?.Kind == UnitKind.Team));
        Assert.Contains(cases, c => c.Assignments.Count == 0);
        Assert.All(Enum.GetValues<OrganizationRole>(), role =>
        {
            Assert.Contains(cases, c => c.Assignments.Any(a => a.Role == role && a.Scope is null));
            Assert.Contains(cases, c => c.Assignments.Any(a => a.Role == role && a.Scope is not null));
        });
        Assert.All(cases, c => Assert.All(c.Units, u =>
        {
            Assert.True(u.Kind == UnitKind.Team || c.Tree.Find(u.ParentId)?.Kind != UnitKind.Team, $"seed {c.Seed}: department under a team");
            Assert.InRange(c.Tree.DepthOf(u.Id), 1, OrganizationTree.MaximumDepth);
        }));
    }

    [Fact]
    public void Generated_cases_are_deterministic_per_seed()
    {
        var first = RandomOrganization.Generate(42);
        var second = RandomOrganization.Generate(42);

        Assert.Equal(first.Describe(), second.Describe());
        Assert.Equal(first.Units, second.Units);
        Assert.Equal(first.Assignments, second.Assignments);
    }

    // The specification, walked by hand: a permission is held at U iff every member has it, or a role held at the
    // organisation has it, or it is unit-scoped and a role held at U or one of U's ancestors has it.
    private static HashSet<string> Reference(RandomOrganization org, IReadOnlyList<RoleAssignment> assignments, Guid? unit)
    {
        var ancestorsOrSelf = new HashSet<Guid>();
        for (var current = unit; current is { } id; current = org.ParentOf(id))
        {
            ancestorsOrSelf.Add(id);
        }

        var held = new HashSet<string>(StringComparer.Ordinal);
        foreach (var permission in Permission.All)
        {
            if (Permission.Customer.Contains(permission)
                || assignments.Any(a => a.Scope is null && OrganizationRoles.PermissionsOf(a.Role).Contains(permission))
                || (Permission.UnitScoped.Contains(permission)
                    && assignments.Any(a => a.Scope is { } scope && ancestorsOrSelf.Contains(scope) && OrganizationRoles.PermissionsOf(a.Role).Contains(permission))))
            {
                held.Add(permission);
            }
        }

        return held;
    }

    private static void AssertSameSet(IEnumerable<string> expected, IEnumerable<string> actual, string context)
    {
        var e = expected.ToHashSet(StringComparer.Ordinal);
        var a = actual.ToHashSet(StringComparer.Ordinal);
        Assert.True(
            e.SetEquals(a),
            $"{context}: expected [{string.Join(", ", e.Order(StringComparer.Ordinal))}] but got [{string.Join(", ", a.Order(StringComparer.Ordinal))}]");
    }
}

/// <summary>
/// A random organisation that keeps the tree rules (departments only under the organisation or a department, teams
/// anywhere, at most <see cref="OrganizationTree.MaximumDepth"/> levels) and a few role assignments in it.
/// </summary>
internal sealed class RandomOrganization
{
    private readonly Dictionary<Guid, OrganizationUnitNode> byId;

    private RandomOrganization(int seed, IReadOnlyList<OrganizationUnitNode> units, IReadOnlyList<RoleAssignment> assignments, Random random)
    {
        Seed = seed;
        Units = units;
        Assignments = assignments;
        byId = units.ToDictionary(u => u.Id);

        // The tree must not depend on the order it is given its units in: hand them over shuffled.
        var shuffled = units.ToArray();
        random.Shuffle(shuffled);
        Tree = new OrganizationTree(shuffled);
    }

    public int Seed { get; }

    /// <summary>The units in generation order: every parent comes before its children.</summary>
    public IReadOnlyList<OrganizationUnitNode> Units { get; }

    public IReadOnlyList<RoleAssignment> Assignments { get; }

    public OrganizationTree Tree { get; }

    /// <summary>The organisation itself (null) and every unit.</summary>
    public IEnumerable<Guid?> Places => Units.Select(u => (Guid?)u.Id).Prepend(null);

    public static IEnumerable<RandomOrganization> Cases(int count) => Enumerable.Range(0, count).Select(Generate);

    public static RandomOrganization Generate(int seed)
    {
        var random = new Random(seed);
        var units = new List<OrganizationUnitNode>();
        var depths = new Dictionary<Guid, int>();
        var count = random.Next(0, 25);
        var rootBias = random.NextDouble() * 0.6; // some cases wide and flat, some long chains
        for (var i = 0; i < count; i++)
        {
            var parents = units.Where(u => depths[u.Id] < OrganizationTree.MaximumDepth).ToList();
            var parent = parents.Count == 0 || random.NextDouble() < rootBias ? null : parents[random.Next(parents.Count)];
            var kind = parent?.Kind == UnitKind.Team || random.Next(3) == 0 ? UnitKind.Team : UnitKind.Department;
            var unit = new OrganizationUnitNode(NextGuid(random), parent?.Id, kind, $"U{i}");
            units.Add(unit);
            depths[unit.Id] = parent is null ? 1 : depths[parent.Id] + 1;
        }

        var assignments = new List<RoleAssignment>();
        var assignmentCount = random.Next(0, 5);
        for (var i = 0; i < assignmentCount; i++)
        {
            Guid? scope = units.Count == 0 || random.Next(4) == 0 ? null : units[random.Next(units.Count)].Id;
            assignments.Add(new RoleAssignment(AnyRole(random), scope));
        }

        return new RandomOrganization(seed, units, assignments, random);
    }

    public static OrganizationRole AnyRole(Random random)
    {
        var roles = Enum.GetValues<OrganizationRole>();
        return roles[random.Next(roles.Length)];
    }

    /// <summary>Any unit of the tree, or the organisation itself (null).</summary>
    public Guid? AnyPlace(Random random) => random.Next(Units.Count + 1) is var i && i == Units.Count ? null : Units[i].Id;

    public Guid? ParentOf(Guid unit) => byId[unit].ParentId;

    /// <summary>The unit's ancestors, nearest first, not including the organisation.</summary>
    public IEnumerable<Guid> AncestorsOf(Guid unit)
    {
        for (var current = ParentOf(unit); current is { } id; current = ParentOf(id))
        {
            yield return id;
        }
    }

    /// <summary>True when <paramref name="ancestor"/> is <paramref name="place"/> or lies above it (walking parents by hand).</summary>
    public bool IsAncestorOrSelf(Guid ancestor, Guid? place)
    {
        for (var current = place; current is { } id; current = ParentOf(id))
        {
            if (id == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    public string Name(Guid? place) => place is { } id ? byId[id].Name : "the organisation";

    public string Describe() =>
        $"seed {Seed} (units: {string.Join(", ", Units.Select(u => $"{u.Name} {u.Kind} under {Name(u.ParentId)}"))}; " +
        $"roles: {string.Join(", ", Assignments.Select(a => $"{a.Role}@{Name(a.Scope)}"))})";

    private static Guid NextGuid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
