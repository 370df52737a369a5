using ApexAgent.Domain.Accounts;
using ApexAgent.Portal.Api;
using ApexAgent.Portal.Features.Account;

namespace ApexAgent.Portal.Features.Organizations;

public static class OrganizationApi
{
    public static void MapOrganizationApi(this IEndpointRouteBuilder endpoints)
    {
        var organization = endpoints.MapApiGroup("/organization", "Organisation")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        organization.MapGet("", Get).RequirePermission(Permission.OrganizationRead).WithName("GetOrganization").Produces<OrganizationOverview>()
            .WithSummary("The organisation this key acts for: plan, seats, your role and place, and its departments and teams.");
        organization.MapGet("/members", List).RequirePermission(Permission.MembersRead).WithName("ListMembers").Produces<MemberPage>()
            .WithSummary("Members within your scope (all of them for a role held at the organisation), filtered and paged.");
        organization.MapGet("/members/{id:guid}", GetMember).RequirePermission(Permission.MembersRead).WithName("GetMember").Produces<MemberView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        organization.MapPost("/members", Add).RequirePermission(Permission.MembersManage).WithName("AddMember")
            .Produces<MemberView>(StatusCodes.Status201Created).Produces<InvitationView>(StatusCodes.Status202Accepted)
            .WithSummary("Adds an existing user at once (201), or emails an invitation to an address without an account (202).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        organization.MapPatch("/members/{id:guid}", Change).Accepts<ChangeMemberBody>("application/json").RequirePermission(Permission.MembersManage).WithName("ChangeMember").Produces<MemberView>()
            .WithSummary("Changes a member's role and place. You can give roles up to your own, within your scope; the last owner stays an owner.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        organization.MapDelete("/members/{id:guid}", Remove).RequirePermission(Permission.MembersManage).WithName("RemoveMember")
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Removes a member; their API keys for this organisation stop working at once.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        organization.MapPost("/units", CreateUnit).RequirePermission(Permission.StructureManage).WithName("CreateUnit")
            .Produces<UnitSummary>(StatusCodes.Status201Created)
            .WithSummary("Adds a department (under the organisation or a department) or a team (under anything). Team and Enterprise plans.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        organization.MapPatch("/units/{id:guid}", RenameUnit).RequirePermission(Permission.StructureManage).WithName("RenameUnit").Produces<UnitSummary>()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        organization.MapDelete("/units/{id:guid}", DeleteUnit).RequirePermission(Permission.StructureManage).WithName("DeleteUnit")
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Deletes an empty department or team (no units, members or open invitations in it).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        organization.MapGet("/invitations", Invitations).RequirePermission(Permission.MembersRead).WithName("ListInvitations").Produces<List<InvitationView>>()
            .WithSummary("Open invitations within your scope, newest first.");
        organization.MapPost("/invitations/{id:guid}/revoke", RevokeInvitation).RequirePermission(Permission.MembersManage).WithName("RevokeInvitation")
            .Produces<InvitationView>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> Get(HttpContext http, OrganizationService service, CancellationToken ct) =>
        Answer(await service.GetAsync(http.Actor(), ct));

    private static async Task<IResult> List(HttpContext http, MemberService service, string? search, string? role, Guid? unit, int? page, int? pageSize, CancellationToken ct)
    {
        OrganizationRole? roleFilter = null;
        if (!string.IsNullOrEmpty(role))
        {
            if (!Enum.TryParse<OrganizationRole>(role, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(role, out _))
            {
                return ApiProblems.From(Domain.Common.Error.Invalid(new Dictionary<string, string[]> { ["role"] = ["Use owner, admin, manager or member."] }));
            }

            roleFilter = parsed;
        }

        return Answer(await service.ListAsync(http.Actor(), new MemberQuery(search, roleFilter, unit, page ?? 1, pageSize ?? 25), ct));
    }

    private static async Task<IResult> GetMember(Guid id, HttpContext http, MemberService service, CancellationToken ct) =>
        Answer(await service.GetAsync(http.Actor(), id, ct));

    private static async Task<IResult> Add(AddMemberRequest request, HttpContext http, MemberService service, CancellationToken ct)
    {
        var added = await service.AddAsync(http.Actor(), request, PublicLinks.BaseOf(http), ct);
        if (!added.IsSuccess)
        {
            return ApiProblems.From(added.Error);
        }

        return added.Value.Member is { } member
            ? TypedResults.Created($"{ApiSetup.Prefix}/organization/members/{member.Id}", member)
            : TypedResults.Accepted($"{ApiSetup.Prefix}/organization/invitations", added.Value.Invitation);
    }

    /// <summary>A role is always given explicitly, so that a body that only moves someone never demotes them by default.</summary>
    private static async Task<IResult> Change(Guid id, ChangeMemberBody request, HttpContext http, MemberService service, CancellationToken ct) =>
        request.Role is { } role
            ? Answer(await service.ChangeAsync(http.Actor(), id, new ChangeMemberRequest(role, request.UnitId), ct))
            : ApiProblems.From(Domain.Common.Error.Invalid(new Dictionary<string, string[]> { ["role"] = ["Give the role: owner, admin, manager or member. unitId null means the whole organisation."] }));

    private static async Task<IResult> Remove(Guid id, HttpContext http, MemberService service, CancellationToken ct)
    {
        var removed = await service.RemoveAsync(http.Actor(), id, ct);
        return removed.IsSuccess ? TypedResults.NoContent() : ApiProblems.From(removed.Error);
    }

    private static async Task<IResult> CreateUnit(NewUnitRequest request, HttpContext http, OrganizationService service, CancellationToken ct)
    {
        var created = await service.CreateUnitAsync(http.Actor(), request.ParentId, request.Kind, request.Name ?? "", ct);
        return created.IsSuccess
            ? TypedResults.Created($"{ApiSetup.Prefix}/organization/units/{created.Value.Id}", created.Value)
            : ApiProblems.From(created.Error);
    }

    private static async Task<IResult> RenameUnit(Guid id, RenameUnitRequest request, HttpContext http, OrganizationService service, CancellationToken ct) =>
        Answer(await service.RenameUnitAsync(http.Actor(), id, request.Name ?? "", ct));

    private static async Task<IResult> DeleteUnit(Guid id, HttpContext http, OrganizationService service, CancellationToken ct)
    {
        var deleted = await service.DeleteUnitAsync(http.Actor(), id, ct);
        return deleted.IsSuccess ? TypedResults.NoContent() : ApiProblems.From(deleted.Error);
    }

    private static async Task<IResult> Invitations(HttpContext http, MemberService service, CancellationToken ct) =>
        Answer(await service.ListInvitationsAsync(http.Actor(), ct));

    private static async Task<IResult> RevokeInvitation(Guid id, HttpContext http, MemberService service, CancellationToken ct) =>
        Answer(await service.RevokeInvitationAsync(http.Actor(), id, ct));

    private static IResult Answer<T>(Domain.Common.Result<T> result) =>
        result.IsSuccess ? TypedResults.Ok(result.Value) : ApiProblems.From(result.Error);
}
