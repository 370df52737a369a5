using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Catalog;
using ApexAgent.Portal.Features.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApexAgent.Tests.TestSupport;

/// <summary>
/// A business organisation on Enterprise with departments Engineering (with team Platform) and Sales, and one
/// person for every role that the authorization tests need, all built through the portal's own services.
/// </summary>
public sealed record OrganizationScenario(
    Guid OrganizationId,
    Guid Engineering,
    Guid Platform,
    Guid Sales,
    TestAccount Owner,
    TestAccount Admin,
    TestAccount EngineeringManager,
    TestAccount EngineeringMember,
    TestAccount PlatformMember,
    TestAccount SalesMember)
{
    /// <summary>The id of <paramref name="account"/>'s membership in this organisation.</summary>
    public Task<Guid> MembershipIdAsync(PortalFactory factory, TestAccount account) =>
        factory.WithDbAsync(db => db.Memberships.Where(m => m.OrganizationId == OrganizationId && m.UserId == account.UserId).Select(m => m.Id).SingleAsync());

    public static async Task<OrganizationScenario> CreateAsync(PortalFactory factory, string name = "Acme Robotics")
    {
        var owner = await factory.CreateAccountAsync();
        var organizationId = await factory.WithDbAsync(async db =>
        {
            var now = factory.Now;
            var organization = new Organization { Id = Guid.CreateVersion7(now), Name = name, Kind = OrganizationKind.Business, TimeZone = "UTC", CreatedAt = now };
            db.Organizations.Add(organization);
            db.Memberships.Add(new Membership { Id = Guid.CreateVersion7(now), OrganizationId = organization.Id, UserId = owner.UserId, Role = OrganizationRole.Owner, CreatedAt = now });
            await db.SaveChangesAsync();
            return organization.Id;
        });
        await factory.ChangeTierAsync(organizationId, TierCode.Enterprise);
        await using var scope = factory.Services.CreateAsyncScope();
        var structure = scope.ServiceProvider.GetRequiredService<OrganizationService>();
        await structure.SwitchAsync(owner.UserId, organizationId, CancellationToken.None);
        var ownerHere = owner with { OrganizationId = organizationId, Actor = await factory.ActorOfAsync(owner.UserId, organizationId) };

        var engineering = (await structure.CreateUnitAsync(ownerHere.Actor, null, UnitKind.Department, "Engineering", CancellationToken.None)).Value.Id;
        var platform = (await structure.CreateUnitAsync(ownerHere.Actor, engineering, UnitKind.Team, "Platform", CancellationToken.None)).Value.Id;
        var sales = (await structure.CreateUnitAsync(ownerHere.Actor, null, UnitKind.Department, "Sales", CancellationToken.None)).Value.Id;

        async Task<TestAccount> JoinAsync(OrganizationRole role, Guid? unit)
        {
            var person = await factory.CreateAccountAsync();
            var members = scope.ServiceProvider.GetRequiredService<MemberService>();
            var added = await members.AddAsync(ownerHere.Actor, new AddMemberRequest(person.Email, role, unit), new Uri("http://127.0.0.1/"), CancellationToken.None);
            Assert.True(added.IsSuccess, added.Error?.Message);
            await structure.SwitchAsync(person.UserId, organizationId, CancellationToken.None);
            return person with { OrganizationId = organizationId, Actor = await factory.ActorOfAsync(person.UserId, organizationId) };
        }

        return new OrganizationScenario(
            organizationId,
            engineering,
            platform,
            sales,
            ownerHere,
            await JoinAsync(OrganizationRole.Admin, null),
            await JoinAsync(OrganizationRole.Manager, engineering),
            await JoinAsync(OrganizationRole.Member, engineering),
            await JoinAsync(OrganizationRole.Member, platform),
            await JoinAsync(OrganizationRole.Member, sales));
    }
}
