using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Catalog;

namespace ApexAgent.Portal.Features.Organizations;

/// <summary>An organisation as its members see it.</summary>
public sealed record OrganizationOverview(
    Guid Id,
    string Name,
    OrganizationKind Kind,
    string TimeZone,
    TierCode Tier,
    int Seats,
    int Members,
    int PendingInvitations,
    RoleAssignment You,
    string YourPlace,
    IReadOnlyList<UnitSummary> Units)
{
    /// <summary>Departments and teams come with the Team and Enterprise tiers.</summary>
    public bool HasStructure => Tier is TierCode.Team or TierCode.Enterprise;

    public int SeatsLeft => Math.Max(0, Seats - Members - PendingInvitations);
}

/// <summary>
/// A department or team, flattened in tree order with its depth, how many members it holds directly, and whether it
/// lies within the scope of the person asking.
/// </summary>
public sealed record UnitSummary(Guid Id, Guid? ParentId, UnitKind Kind, string Name, string Path, int Depth, int Members, bool WithinYourScope = true);

public sealed record MemberView(
    Guid Id,
    string UserId,
    string Name,
    string Email,
    OrganizationRole Role,
    Guid? UnitId,
    string Place,
    DateTimeOffset JoinedAt);

public sealed record MemberQuery(string? Search = null, OrganizationRole? Role = null, Guid? Unit = null, int Page = 1, int PageSize = 25);

public sealed record MemberPage(IReadOnlyList<MemberView> Items, int Total, int Page, int PageSize);

public sealed record InvitationView(
    Guid Id,
    string Email,
    OrganizationRole Role,
    Guid? UnitId,
    string Place,
    string InvitedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt);

/// <summary>Add someone: an existing user joins at once, anyone else is emailed an invitation.</summary>
public sealed record AddMemberRequest(string Email, OrganizationRole Role, Guid? UnitId);

/// <summary>What adding someone did: either a membership now, or an invitation sent.</summary>
public sealed record AddMemberOutcome(MemberView? Member, InvitationView? Invitation);

public sealed record ChangeMemberRequest(OrganizationRole Role, Guid? UnitId);

/// <summary>The body of <c>PATCH /api/v1/organization/members/{id}</c>: the role (required) and the place (null: the whole organisation).</summary>
public sealed record ChangeMemberBody(OrganizationRole? Role, Guid? UnitId);

/// <summary>An invitation as the invited person sees it from the emailed link.</summary>
public sealed record InvitationLanding(
    string OrganizationName,
    string InvitedBy,
    string Email,
    OrganizationRole Role,
    string Place,
    DateTimeOffset ExpiresAt,
    InvitationState State);

public enum InvitationState
{
    Open,
    Accepted,
    Revoked,
    Expired,
}

public sealed record NewUnitRequest(string? Name, UnitKind Kind, Guid? ParentId);

public sealed record RenameUnitRequest(string? Name);
