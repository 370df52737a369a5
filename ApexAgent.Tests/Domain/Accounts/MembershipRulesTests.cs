using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;

namespace ApexAgent.Tests.Domain.Accounts;

public sealed class MembershipRulesTests
{
    // The organisation
    // ├── Engineering (department)
    // │   ├── Platform (team)
    // │   └── Backend (department)
    // │       └── Api (team)
    // └── Sales (department)
    private static readonly Guid Engineering = Guid.Parse("10000000-0000-0000-0000-000000000001");
    private static readonly Guid Platform = Guid.Parse("10000000-0000-0000-0000-000000000002");
    private static readonly Guid Backend = Guid.Parse("10000000-0000-0000-0000-000000000003");
    private static readonly Guid Api = Guid.Parse("10000000-0000-0000-0000-000000000004");
    private static readonly Guid Sales = Guid.Parse("10000000-0000-0000-0000-000000000005");
    private static readonly Guid Unknown = Guid.Parse("10000000-0000-0000-0000-0000000000ff");

    private static readonly OrganizationTree Tree = new(
    [
        new OrganizationUnitNode(Engineering, null, UnitKind.Department, "Engineering"),
        new OrganizationUnitNode(Platform, Engineering, UnitKind.Team, "Platform"),
        new OrganizationUnitNode(Backend, Engineering, UnitKind.Department, "Backend"),
        new OrganizationUnitNode(Api, Backend, UnitKind.Team, "Api"),
        new OrganizationUnitNode(Sales, null, UnitKind.Department, "Sales"),
    ]);

    private static RoleAssignment At(OrganizationRole role, string place) => new(role, place switch
    {
        "org" => null,
        "Engineering" => Engineering,
        "Platform" => Platform,
        "Backend" => Backend,
        "Api" => Api,
        "Sales" => Sales,
        "unknown" => Unknown,
        _ => throw new ArgumentOutOfRangeException(nameof(place), place, null),
    });

    [Theory]
    // Admins and owners at the organisation give roles up to their own anywhere.
    [InlineData(OrganizationRole.Admin, "org", OrganizationRole.Admin, "org", null)]
    [InlineData(OrganizationRole.Admin, "org", OrganizationRole.Admin, "Engineering", null)]
    [InlineData(OrganizationRole.Admin, "org", OrganizationRole.Admin, "Api", null)]
    [InlineData(OrganizationRole.Admin, "org", OrganizationRole.Manager, "Platform", null)]
    [InlineData(OrganizationRole.Admin, "org", OrganizationRole.Member, "Sales", null)]
    [InlineData(OrganizationRole.Owner, "org", OrganizationRole.Owner, "org", null)]
    [InlineData(OrganizationRole.Owner, "org", OrganizationRole.Admin, "Backend", null)]
    [InlineData(OrganizationRole.Manager, "org", OrganizationRole.Manager, "Sales", null)]
    // A department manager gives Member and Manager inside their department, down to the teams below it.
    [InlineData(OrganizationRole.Manager, "Engineering", OrganizationRole.Member, "Engineering", null)]
    [InlineData(OrganizationRole.Manager, "Engineering", OrganizationRole.Manager, "Engineering", null)]
    [InlineData(OrganizationRole.Manager, "Engineering", OrganizationRole.Member, "Platform", null)]
    [InlineData(OrganizationRole.Manager, "Engineering", OrganizationRole.Manager, "Platform", null)]
    [InlineData(OrganizationRole.Manager, "Engineering", OrganizationRole.Manager, "Api", null)]
    [InlineData(OrganizationRole.Admin, "Engineering", OrganizationRole.Admin, "Backend", null)]
    // ... but not beside or above it.
    [InlineData(OrganizationRole.Manager, "Engineering", OrganizationRole.Member, "Sales", "outside_your_scope")]
    [InlineData(OrganizationRole.Manager, "Engineering", OrganizationRole.Member, "org", "outside_your_scope")]
    [InlineData(OrganizationRole.Manager, "Backend", OrganizationRole.Member, "Engineering", "outside_your_scope")]
    [InlineData(OrganizationRole.Manager, "Backend", OrganizationRole.Member, "Platform", "outside_your_scope")]
    [InlineData(OrganizationRole.Manager, "Platform", OrganizationRole.Member, "Engineering", "outside_your_scope")]
    [InlineData(OrganizationRole.Admin, "Engineering", OrganizationRole.Member, "Sales", "outside_your_scope")]
    [InlineData(OrganizationRole.Admin, "Engineering", OrganizationRole.Member, "org", "outside_your_scope")]
    // Nobody gives a role above their own.
    [InlineData(OrganizationRole.Manager, "Engineering", OrganizationRole.Admin, "Engineering", "role_above_yours")]
    [InlineData(OrganizationRole.Manager, "Engineering", OrganizationRole.Admin, "Platform", "role_above_yours")]
    [InlineData(OrganizationRole.Manager, "Engineering", OrganizationRole.Owner, "Engineering", "role_above_yours")]
    [InlineData(OrganizationRole.Manager, "org", OrganizationRole.Admin, "Sales", "role_above_yours")]
    [InlineData(OrganizationRole.Admin, "org", OrganizationRole.Owner, "org", "role_above_yours")]
    [InlineData(OrganizationRole.Admin, "org", OrganizationRole.Owner, "Engineering", "role_above_yours")]
    // Owners own the whole organisation.
    [InlineData(OrganizationRole.Owner, "org", OrganizationRole.Owner, "Engineering", "owner_is_organization_wide")]
    [InlineData(OrganizationRole.Owner, "org", OrganizationRole.Owner, "Api", "owner_is_organization_wide")]
    // Members manage nobody, wherever they are.
    [InlineData(OrganizationRole.Member, "org", OrganizationRole.Member, "org", "outside_your_scope")]
    [InlineData(OrganizationRole.Member, "org", OrganizationRole.Member, "Engineering", "outside_your_scope")]
    [InlineData(OrganizationRole.Member, "Engineering", OrganizationRole.Member, "Engineering", "outside_your_scope")]
    [InlineData(OrganizationRole.Member, "Engineering", OrganizationRole.Member, "Platform", "outside_your_scope")]
    // A place the tree does not know.
    [InlineData(OrganizationRole.Owner, "org", OrganizationRole.Member, "unknown", "unit_not_found")]
    [InlineData(OrganizationRole.Manager, "Engineering", OrganizationRole.Member, "unknown", "unit_not_found")]
    public void Who_may_grant_which_role_where(OrganizationRole actorRole, string actorPlace, OrganizationRole targetRole, string targetPlace, string? error)
    {
        Assert.Equal(error, MembershipRules.CheckGrant(At(actorRole, actorPlace), Tree, At(targetRole, targetPlace))?.Code);
    }

    [Fact]
    public void Refusals_carry_the_kind_the_api_maps_to_a_status()
    {
        Assert.Equal(ErrorKind.Forbidden, MembershipRules.CheckGrant(At(OrganizationRole.Manager, "Engineering"), Tree, At(OrganizationRole.Member, "Sales"))?.Kind);
        Assert.Equal(ErrorKind.Forbidden, MembershipRules.CheckGrant(At(OrganizationRole.Manager, "Engineering"), Tree, At(OrganizationRole.Admin, "Engineering"))?.Kind);
        Assert.Equal(ErrorKind.Validation, MembershipRules.CheckGrant(At(OrganizationRole.Owner, "org"), Tree, At(OrganizationRole.Owner, "Sales"))?.Kind);
        Assert.Equal(ErrorKind.NotFound, MembershipRules.CheckGrant(At(OrganizationRole.Owner, "org"), Tree, At(OrganizationRole.Member, "unknown"))?.Kind);
        Assert.Equal(ErrorKind.Conflict, MembershipRules.CheckOwnersRemain(1, At(OrganizationRole.Owner, "org"), null)?.Kind);
    }

    [Theory]
    [InlineData(OrganizationRole.Owner, "org", OrganizationRole.Owner, "org", null)]
    [InlineData(OrganizationRole.Owner, "org", OrganizationRole.Member, "Api", null)]
    [InlineData(OrganizationRole.Admin, "org", OrganizationRole.Admin, "org", null)]
    [InlineData(OrganizationRole.Admin, "org", OrganizationRole.Member, "Platform", null)]
    [InlineData(OrganizationRole.Admin, "org", OrganizationRole.Owner, "org", "role_above_yours")]
    [InlineData(OrganizationRole.Manager, "Engineering", OrganizationRole.Manager, "Engineering", null)]
    [InlineData(OrganizationRole.Manager, "Engineering", OrganizationRole.Manager, "Platform", null)]
    [InlineData(OrganizationRole.Manager, "Engineering", OrganizationRole.Member, "Api", null)]
    [InlineData(OrganizationRole.Manager, "Engineering", OrganizationRole.Admin, "Backend", "role_above_yours")]
    [InlineData(OrganizationRole.Manager, "Engineering", OrganizationRole.Member, "Sales", "outside_your_scope")]
    [InlineData(OrganizationRole.Manager, "Engineering", OrganizationRole.Member, "org", "outside_your_scope")]
    [InlineData(OrganizationRole.Manager, "Engineering", OrganizationRole.Owner, "org", "outside_your_scope")]
    [InlineData(OrganizationRole.Manager, "Platform", OrganizationRole.Manager, "Engineering", "outside_your_scope")]
    [InlineData(OrganizationRole.Member, "org", OrganizationRole.Member, "org", "outside_your_scope")]
    [InlineData(OrganizationRole.Member, "Engineering", OrganizationRole.Member, "Platform", "outside_your_scope")]
    public void Who_may_change_or_remove_which_membership(OrganizationRole actorRole, string actorPlace, OrganizationRole existingRole, string existingPlace, string? error)
    {
        Assert.Equal(error, MembershipRules.CheckManage(At(actorRole, actorPlace), Tree, At(existingRole, existingPlace))?.Code);
    }

    [Theory]
    // The only owner cannot be demoted, moved into a unit or removed.
    [InlineData(1, OrganizationRole.Owner, "org", OrganizationRole.Admin, "org", "last_owner")]
    [InlineData(1, OrganizationRole.Owner, "org", OrganizationRole.Member, "org", "last_owner")]
    [InlineData(1, OrganizationRole.Owner, "org", OrganizationRole.Owner, "Engineering", "last_owner")]
    [InlineData(1, OrganizationRole.Owner, "org", null, null, "last_owner")]
    [InlineData(0, OrganizationRole.Owner, "org", null, null, "last_owner")]
    // With a second owner, or when the owner stays one, fine.
    [InlineData(1, OrganizationRole.Owner, "org", OrganizationRole.Owner, "org", null)]
    [InlineData(2, OrganizationRole.Owner, "org", OrganizationRole.Admin, "org", null)]
    [InlineData(2, OrganizationRole.Owner, "org", null, null, null)]
    [InlineData(3, OrganizationRole.Owner, "org", OrganizationRole.Member, "Sales", null)]
    // Changing someone who is not an owner never touches the owners.
    [InlineData(1, OrganizationRole.Admin, "org", null, null, null)]
    [InlineData(1, OrganizationRole.Admin, "org", OrganizationRole.Member, "org", null)]
    [InlineData(1, OrganizationRole.Manager, "Engineering", OrganizationRole.Member, "Platform", null)]
    [InlineData(1, OrganizationRole.Member, "org", OrganizationRole.Owner, "org", null)]
    [InlineData(1, OrganizationRole.Owner, "Engineering", null, null, null)]
    public void An_organisation_keeps_at_least_one_owner_at_the_organisation(int owners, OrganizationRole beforeRole, string beforePlace, OrganizationRole? afterRole, string? afterPlace, string? error)
    {
        var after = afterRole is { } role ? At(role, afterPlace!) : null;

        Assert.Equal(error, MembershipRules.CheckOwnersRemain(owners, At(beforeRole, beforePlace), after)?.Code);
    }

    [Fact]
    public void A_granted_role_never_reaches_further_than_the_granters_own_on_random_trees()
    {
        var granted = 0;
        foreach (var org in RandomOrganization.Cases(500))
        {
            var random = new Random(org.Seed + 4_000_000);
            for (var attempt = 0; attempt < 20; attempt++)
            {
                var actor = new RoleAssignment(RandomOrganization.AnyRole(random), org.AnyPlace(random));
                var target = new RoleAssignment(RandomOrganization.AnyRole(random), org.AnyPlace(random));
                if (MembershipRules.CheckGrant(actor, org.Tree, target) is not null)
                {
                    continue;
                }

                granted++;
                foreach (var place in org.Places)
                {
                    var theirs = OrganizationAccess.PermissionsAt([target], org.Tree, place);
                    var mine = OrganizationAccess.PermissionsAt([actor], org.Tree, place);
                    Assert.True(
                        theirs.IsSubsetOf(mine),
                        $"{org.Describe()}: {actor.Role}@{org.Name(actor.Scope)} granted {target.Role}@{org.Name(target.Scope)}, which holds [{string.Join(", ", theirs.Except(mine))}] at {org.Name(place)}");
                }

                Assert.True(
                    MembershipRules.CheckManage(actor, org.Tree, target) is null,
                    $"{org.Describe()}: {actor.Role}@{org.Name(actor.Scope)} granted {target.Role}@{org.Name(target.Scope)} but may not manage it");
            }
        }

        Assert.True(granted > 1000, $"the generator should produce allowed grants, produced only {granted}");
    }

    [Fact]
    public void CheckGrant_agrees_with_the_rules_written_out_on_random_trees()
    {
        foreach (var org in RandomOrganization.Cases(500))
        {
            var random = new Random(org.Seed + 5_000_000);
            for (var attempt = 0; attempt < 20; attempt++)
            {
                var actor = new RoleAssignment(RandomOrganization.AnyRole(random), org.AnyPlace(random));
                var target = new RoleAssignment(RandomOrganization.AnyRole(random), org.AnyPlace(random));

                var managesThere = actor.Role >= OrganizationRole.Manager && (actor.Scope is not { } s || org.IsAncestorOrSelf(s, target.Scope));
                var expected = !managesThere ? "outside_your_scope"
                    : target.Role > actor.Role ? "role_above_yours"
                    : target.Role == OrganizationRole.Owner && target.Scope is not null ? "owner_is_organization_wide"
                    : null;

                var actual = MembershipRules.CheckGrant(actor, org.Tree, target)?.Code;
                Assert.True(
                    expected == actual,
                    $"{org.Describe()}: {actor.Role}@{org.Name(actor.Scope)} granting {target.Role}@{org.Name(target.Scope)} should give {expected ?? "success"}, gave {actual ?? "success"}");
            }
        }
    }
}
