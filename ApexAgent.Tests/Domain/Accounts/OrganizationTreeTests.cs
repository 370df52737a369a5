using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;

namespace ApexAgent.Tests.Domain.Accounts;

public sealed class OrganizationTreeTests
{
    // Acme (the organisation)
    // ├── Engineering (department)
    // │   ├── web (department)
    // │   │   └── Frontend (team)
    // │   │       └── Design (team)
    // │   └── Apps (team)
    // ├── accounts (department)
    // └── Support (team)
    private static readonly Guid Engineering = Guid.Parse("00000000-0000-0000-0000-000000000001");
    private static readonly Guid Web = Guid.Parse("00000000-0000-0000-0000-000000000002");
    private static readonly Guid Frontend = Guid.Parse("00000000-0000-0000-0000-000000000003");
    private static readonly Guid Design = Guid.Parse("00000000-0000-0000-0000-000000000004");
    private static readonly Guid Apps = Guid.Parse("00000000-0000-0000-0000-000000000005");
    private static readonly Guid AccountsUnit = Guid.Parse("00000000-0000-0000-0000-000000000006");
    private static readonly Guid Support = Guid.Parse("00000000-0000-0000-0000-000000000007");
    private static readonly Guid Unknown = Guid.Parse("00000000-0000-0000-0000-0000000000ff");

    private static readonly OrganizationUnitNode[] AcmeUnits =
    [
        new(Support, null, UnitKind.Team, "Support"),
        new(Design, Frontend, UnitKind.Team, "Design"),
        new(Apps, Engineering, UnitKind.Team, "Apps"),
        new(Frontend, Web, UnitKind.Team, "Frontend"),
        new(AccountsUnit, null, UnitKind.Department, "accounts"),
        new(Web, Engineering, UnitKind.Department, "web"),
        new(Engineering, null, UnitKind.Department, "Engineering"),
    ];

    private static readonly OrganizationTree Acme = new(AcmeUnits);

    private static Guid? Place(string name) => name switch
    {
        "org" => null,
        "Engineering" => Engineering,
        "web" => Web,
        "Frontend" => Frontend,
        "Design" => Design,
        "Apps" => Apps,
        "accounts" => AccountsUnit,
        "Support" => Support,
        "unknown" => Unknown,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    [Theory]
    [InlineData("Engineering", "Engineering", true)]
    [InlineData("web", "Engineering", true)]
    [InlineData("Frontend", "Engineering", true)]
    [InlineData("Design", "Engineering", true)]
    [InlineData("Design", "web", true)]
    [InlineData("Design", "Frontend", true)]
    [InlineData("Apps", "Engineering", true)]
    [InlineData("Engineering", "web", false)]
    [InlineData("Engineering", "Frontend", false)]
    [InlineData("Apps", "web", false)]
    [InlineData("Frontend", "Apps", false)]
    [InlineData("accounts", "Engineering", false)]
    [InlineData("Engineering", "accounts", false)]
    [InlineData("Support", "Engineering", false)]
    [InlineData("Support", "Support", true)]
    [InlineData("Design", "org", true)]
    [InlineData("Support", "org", true)]
    [InlineData("org", "org", true)]
    [InlineData("org", "Engineering", false)]
    [InlineData("org", "Support", false)]
    [InlineData("Design", "accounts", false)]
    public void IsWithin_is_true_for_the_scope_itself_and_everything_below_it(string unit, string scope, bool within)
    {
        Assert.Equal(within, Acme.IsWithin(Place(unit), Place(scope)));
    }

    [Fact]
    public void Everything_lies_within_the_organisation_even_a_unit_the_tree_does_not_know()
    {
        Assert.True(Acme.IsWithin(Unknown, null));
        Assert.False(Acme.IsWithin(Unknown, Engineering));
    }

    [Theory]
    [InlineData("org", new[] { "Engineering", "web", "Frontend", "Design", "Apps", "accounts", "Support" })]
    [InlineData("Engineering", new[] { "Engineering", "web", "Frontend", "Design", "Apps" })]
    [InlineData("web", new[] { "web", "Frontend", "Design" })]
    [InlineData("Frontend", new[] { "Frontend", "Design" })]
    [InlineData("Design", new[] { "Design" })]
    [InlineData("accounts", new[] { "accounts" })]
    [InlineData("Support", new[] { "Support" })]
    public void SubtreeOf_is_the_unit_and_every_unit_below_it(string scope, string[] expected)
    {
        Assert.Equal(
            expected.Select(n => Place(n)!.Value).Order(),
            Acme.SubtreeOf(Place(scope)).Order());
    }

    [Fact]
    public void SubtreeOf_a_unit_the_tree_does_not_know_is_empty()
    {
        Assert.Empty(Acme.SubtreeOf(Unknown));
    }

    [Theory]
    [InlineData("org", "Acme")]
    [InlineData("Engineering", "Engineering")]
    [InlineData("web", "Engineering › web")]
    [InlineData("Design", "Engineering › web › Frontend › Design")]
    [InlineData("Apps", "Engineering › Apps")]
    [InlineData("Support", "Support")]
    [InlineData("unknown", "Acme")]
    public void PathOf_names_the_units_from_the_top_down_or_the_organisation(string unit, string path)
    {
        Assert.Equal(path, Acme.PathOf(Place(unit), "Acme"));
    }

    [Theory]
    [InlineData("org", new[] { "accounts", "Engineering", "Support" })]
    [InlineData("Engineering", new[] { "web", "Apps" })]
    [InlineData("web", new[] { "Frontend" })]
    [InlineData("Frontend", new[] { "Design" })]
    [InlineData("Design", new string[0])]
    [InlineData("accounts", new string[0])]
    public void ChildrenOf_lists_the_units_directly_below_departments_first_then_by_name_ignoring_case(string parent, string[] expected)
    {
        Assert.Equal(expected, Acme.ChildrenOf(Place(parent)).Select(c => c.Name));
    }

    [Theory]
    [InlineData("Engineering", 1)]
    [InlineData("accounts", 1)]
    [InlineData("Support", 1)]
    [InlineData("web", 2)]
    [InlineData("Apps", 2)]
    [InlineData("Frontend", 3)]
    [InlineData("Design", 4)]
    public void DepthOf_counts_levels_below_the_organisation(string unit, int depth)
    {
        Assert.Equal(depth, Acme.DepthOf(Place(unit)!.Value));
    }

    [Fact]
    public void Contains_and_Find_know_exactly_the_units_given()
    {
        Assert.All(AcmeUnits, u =>
        {
            Assert.True(Acme.Contains(u.Id));
            Assert.Equal(u, Acme.Find(u.Id));
        });
        Assert.False(Acme.Contains(Unknown));
        Assert.Null(Acme.Find(Unknown));
        Assert.Null(Acme.Find(null));
        Assert.Equal(AcmeUnits.OrderBy(u => u.Id), Acme.Units.OrderBy(u => u.Id));
    }

    [Fact]
    public void The_empty_tree_has_no_units_and_the_organisation_has_no_children()
    {
        Assert.Empty(OrganizationTree.Empty.Units);
        Assert.Empty(OrganizationTree.Empty.ChildrenOf(null));
        Assert.Empty(OrganizationTree.Empty.SubtreeOf(null));
        Assert.False(OrganizationTree.Empty.Contains(Engineering));
        Assert.Equal("Acme", OrganizationTree.Empty.PathOf(null, "Acme"));
    }

    [Fact]
    public void The_constructor_rejects_a_unit_whose_parent_is_not_in_the_tree()
    {
        var orphan = new OrganizationUnitNode(Guid.NewGuid(), Unknown, UnitKind.Team, "Orphan");

        var error = Assert.Throws<ArgumentException>(() => new OrganizationTree([.. AcmeUnits, orphan]));
        Assert.Contains(Unknown.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_constructor_rejects_a_unit_that_is_its_own_parent()
    {
        var self = Guid.NewGuid();

        Assert.Throws<ArgumentException>(() => new OrganizationTree([new OrganizationUnitNode(self, self, UnitKind.Department, "Loop")]));
    }

    [Fact]
    public void The_constructor_rejects_a_cycle_of_units()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        var c = Guid.NewGuid();

        Assert.Throws<ArgumentException>(() => new OrganizationTree(
        [
            new OrganizationUnitNode(a, c, UnitKind.Department, "A"),
            new OrganizationUnitNode(b, a, UnitKind.Department, "B"),
            new OrganizationUnitNode(c, b, UnitKind.Department, "C"),
        ]));
    }

    [Fact]
    public void The_constructor_rejects_a_cycle_hanging_beside_a_valid_tree()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();

        Assert.Throws<ArgumentException>(() => new OrganizationTree(
            [.. AcmeUnits, new OrganizationUnitNode(a, b, UnitKind.Team, "A"), new OrganizationUnitNode(b, a, UnitKind.Team, "B")]));
    }

    [Fact]
    public void The_constructor_rejects_two_units_with_one_id()
    {
        Assert.Throws<ArgumentException>(() => new OrganizationTree(
            [.. AcmeUnits, new OrganizationUnitNode(Engineering, null, UnitKind.Department, "Engineering again")]));
    }

    [Fact]
    public void A_tree_does_not_depend_on_the_order_of_its_units()
    {
        var reversed = new OrganizationTree(AcmeUnits.Reverse());

        foreach (var place in AcmeUnits.Select(u => (Guid?)u.Id).Prepend(null))
        {
            Assert.Equal(Acme.ChildrenOf(place), reversed.ChildrenOf(place));
            Assert.Equal(Acme.PathOf(place, "Acme"), reversed.PathOf(place, "Acme"));
            Assert.Equal(Acme.SubtreeOf(place).Order(), reversed.SubtreeOf(place).Order());
        }
    }

    [Fact]
    public void Tree_queries_agree_with_walking_parents_by_hand_on_random_trees()
    {
        foreach (var org in RandomOrganization.Cases(300))
        {
            var places = org.Places.ToList();
            foreach (var scope in places)
            {
                var expectedSubtree = org.Units.Where(u => scope is not { } s || org.IsAncestorOrSelf(s, u.Id)).Select(u => u.Id).ToHashSet();
                Assert.True(expectedSubtree.SetEquals(org.Tree.SubtreeOf(scope)), $"{org.Describe()}: SubtreeOf({org.Name(scope)})");

                foreach (var unit in places)
                {
                    var expected = scope is not { } s || org.IsAncestorOrSelf(s, unit);
                    Assert.True(expected == org.Tree.IsWithin(unit, scope), $"{org.Describe()}: IsWithin({org.Name(unit)}, {org.Name(scope)}) should be {expected}");
                }

                var children = org.Tree.ChildrenOf(scope).ToList();
                Assert.Equal(org.Units.Where(u => u.ParentId == scope).OrderBy(u => u.Id), children.OrderBy(u => u.Id));
                Assert.Equal(children.OrderBy(c => c.Kind).Select(c => c.Kind), children.Select(c => c.Kind));
            }

            foreach (var unit in org.Units)
            {
                var ancestors = org.AncestorsOf(unit.Id).ToList();
                Assert.True(ancestors.Count + 1 == org.Tree.DepthOf(unit.Id), $"{org.Describe()}: DepthOf({unit.Name})");
                var path = string.Join(" › ", ancestors.Select(a => org.Name(a)).Reverse().Append(unit.Name));
                Assert.Equal(path, org.Tree.PathOf(unit.Id, "Org"));
            }
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void CheckNewUnit_refuses_an_empty_name(string name)
    {
        var result = Acme.CheckNewUnit(Guid.NewGuid(), null, UnitKind.Team, name);

        Assert.False(result.IsSuccess);
        Assert.Equal("validation_failed", result.Error.Code);
        Assert.Equal(ErrorKind.Validation, result.Error.Kind);
        Assert.Equal(["Name"], result.Error.Fields.Keys);
    }

    [Fact]
    public void CheckNewUnit_refuses_a_name_over_100_characters_after_trimming_and_accepts_100()
    {
        var tooLong = Acme.CheckNewUnit(Guid.NewGuid(), Engineering, UnitKind.Team, new string('x', 101));
        var longest = Acme.CheckNewUnit(Guid.NewGuid(), Engineering, UnitKind.Team, "  " + new string('y', 100) + "  ");

        Assert.False(tooLong.IsSuccess);
        Assert.Equal("validation_failed", tooLong.Error.Code);
        Assert.Equal(["Name"], tooLong.Error.Fields.Keys);
        Assert.True(longest.IsSuccess);
        Assert.Equal(new string('y', 100), longest.Value.Name);
    }

    [Fact]
    public void CheckNewUnit_checks_the_name_before_the_parent()
    {
        var result = Acme.CheckNewUnit(Guid.NewGuid(), Unknown, UnitKind.Team, " ");

        Assert.False(result.IsSuccess);
        Assert.Equal("validation_failed", result.Error.Code);
    }

    [Fact]
    public void CheckNewUnit_returns_the_new_node_with_a_trimmed_name()
    {
        var id = Guid.NewGuid();

        var result = Acme.CheckNewUnit(id, Web, UnitKind.Team, "  Backend  ");

        Assert.True(result.IsSuccess);
        Assert.Equal(new OrganizationUnitNode(id, Web, UnitKind.Team, "Backend"), result.Value);
    }

    [Fact]
    public void CheckNewUnit_refuses_a_parent_that_is_not_in_the_tree()
    {
        var result = Acme.CheckNewUnit(Guid.NewGuid(), Unknown, UnitKind.Team, "Lost");

        Assert.False(result.IsSuccess);
        Assert.Equal("unit_not_found", result.Error.Code);
        Assert.Equal(ErrorKind.NotFound, result.Error.Kind);
    }

    [Theory]
    [InlineData("org", UnitKind.Department, null)]
    [InlineData("org", UnitKind.Team, null)]
    [InlineData("Engineering", UnitKind.Department, null)]
    [InlineData("Engineering", UnitKind.Team, null)]
    [InlineData("web", UnitKind.Department, null)]
    [InlineData("Frontend", UnitKind.Team, null)]
    [InlineData("Support", UnitKind.Team, null)]
    [InlineData("Frontend", UnitKind.Department, "department_under_team")]
    [InlineData("Design", UnitKind.Department, "department_under_team")]
    [InlineData("Support", UnitKind.Department, "department_under_team")]
    [InlineData("Apps", UnitKind.Department, "department_under_team")]
    public void CheckNewUnit_puts_departments_only_under_the_organisation_or_a_department_and_teams_anywhere(string parent, UnitKind kind, string? error)
    {
        var result = Acme.CheckNewUnit(Guid.NewGuid(), Place(parent), kind, "Research");

        Assert.Equal(error, result.Error?.Code);
        if (error is null)
        {
            Assert.Equal(Place(parent), result.Value.ParentId);
            Assert.Equal(kind, result.Value.Kind);
        }
    }

    [Fact]
    public void CheckNewUnit_nests_at_most_the_maximum_depth()
    {
        var chain = new List<OrganizationUnitNode>();
        Guid? parent = null;
        for (var level = 1; level <= OrganizationTree.MaximumDepth; level++)
        {
            var node = new OrganizationUnitNode(Guid.NewGuid(), parent, UnitKind.Department, $"Level {level}");
            chain.Add(node);
            parent = node.Id;
        }

        var tree = new OrganizationTree(chain);
        Assert.Equal(OrganizationTree.MaximumDepth, tree.DepthOf(chain[^1].Id));

        var underDeepest = tree.CheckNewUnit(Guid.NewGuid(), chain[^1].Id, UnitKind.Team, "Too deep");
        var underDeepestDepartment = tree.CheckNewUnit(Guid.NewGuid(), chain[^1].Id, UnitKind.Department, "Too deep");
        var underSecondDeepest = tree.CheckNewUnit(Guid.NewGuid(), chain[^2].Id, UnitKind.Team, "Deep enough");

        Assert.False(underDeepest.IsSuccess);
        Assert.Equal("tree_too_deep", underDeepest.Error.Code);
        Assert.Equal("tree_too_deep", underDeepestDepartment.Error?.Code);
        Assert.True(underSecondDeepest.IsSuccess);
        Assert.Equal(OrganizationTree.MaximumDepth, new OrganizationTree([.. chain, underSecondDeepest.Value]).DepthOf(underSecondDeepest.Value.Id));
    }

    [Theory]
    [InlineData("org", "Engineering")]
    [InlineData("org", "engineering")]
    [InlineData("org", "  ENGINEERING ")]
    [InlineData("org", "Accounts")]
    [InlineData("org", "support")]
    [InlineData("Engineering", "Web")]
    [InlineData("Engineering", "apps")]
    [InlineData("Frontend", "DESIGN")]
    public void CheckNewUnit_refuses_a_name_a_sibling_already_has_ignoring_case_and_kind(string parent, string name)
    {
        var result = Acme.CheckNewUnit(Guid.NewGuid(), Place(parent), UnitKind.Team, name);

        Assert.False(result.IsSuccess);
        Assert.Equal("unit_name_taken", result.Error.Code);
        Assert.Equal(ErrorKind.Conflict, result.Error.Kind);
        Assert.Contains(name.Trim(), result.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("accounts", "Engineering")]
    [InlineData("web", "Apps")]
    [InlineData("Design", "Frontend")]
    [InlineData("Engineering", "Frontend")]
    [InlineData("org", "Design")]
    public void CheckNewUnit_allows_a_name_used_elsewhere_in_the_tree(string parent, string name)
    {
        var result = Acme.CheckNewUnit(Guid.NewGuid(), Place(parent), UnitKind.Team, name);

        Assert.True(result.IsSuccess, result.Error?.Code);
        Assert.Equal(name, result.Value.Name);
    }

    [Fact]
    public void Every_unit_CheckNewUnit_accepts_keeps_a_random_tree_valid()
    {
        foreach (var org in RandomOrganization.Cases(300))
        {
            var random = new Random(org.Seed + 3_000_000);
            var parent = org.AnyPlace(random);
            var kind = random.Next(2) == 0 ? UnitKind.Department : UnitKind.Team;
            var name = random.Next(3) == 0 && org.Tree.ChildrenOf(parent).FirstOrDefault() is { } sibling ? sibling.Name.ToLowerInvariant() : "New";

            var result = org.Tree.CheckNewUnit(Guid.NewGuid(), parent, kind, name);

            var parentKind = org.Tree.Find(parent)?.Kind;
            var depth = parent is { } p ? org.Tree.DepthOf(p) : 0;
            var nameTaken = org.Tree.ChildrenOf(parent).Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
            var expected = kind == UnitKind.Department && parentKind == UnitKind.Team ? "department_under_team"
                : depth >= OrganizationTree.MaximumDepth ? "tree_too_deep"
                : nameTaken ? "unit_name_taken"
                : null;
            Assert.True(expected == result.Error?.Code, $"{org.Describe()}: adding {kind} {name} under {org.Name(parent)} should give {expected ?? "success"}, gave {result.Error?.Code ?? "success"}");

            if (result.IsSuccess)
            {
                var grown = new OrganizationTree([.. org.Units, result.Value]);
                Assert.InRange(grown.DepthOf(result.Value.Id), 1, OrganizationTree.MaximumDepth);
                Assert.Contains(result.Value, grown.ChildrenOf(parent));
            }
        }
    }
}
