using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;

namespace ApexAgent.Portal.Features.Account;

/// <summary>
/// Who is acting, for which organisation, with which permissions, and through which API key if any.
/// <see cref="Permissions"/> are those held somewhere in the organisation; a service that acts on one department
/// or team checks <see cref="Assignment"/> against the organisation's tree.
/// </summary>
public sealed record Actor(string UserId, Guid OrganizationId, IReadOnlySet<string> Permissions, Guid? ApiKeyId = null)
{
    public static readonly Error ReadOnlyView = new(
        "read_only_view", "This is a read-only support view of the customer's account: nothing can be changed here.", ErrorKind.Forbidden);

    /// <summary>The role the person holds in the organisation and where.</summary>
    public RoleAssignment Assignment { get; init; } = new(OrganizationRole.Member, null);

    /// <summary>Set while support staff view the portal as this customer: the staff member's user id.</summary>
    public string? ImpersonatorUserId { get; init; }

    /// <summary>The support view this request belongs to, if any.</summary>
    public Guid? ImpersonationId { get; init; }

    /// <summary>A support view is read-only: every write refuses it.</summary>
    public bool IsReadOnly => ImpersonatorUserId is not null;

    public bool Can(string permission) => Permissions.Contains(permission);

    /// <summary>The error a write returns for a read-only actor, else null. Services call this before any write.</summary>
    public Error? RefuseIfReadOnly() => IsReadOnly ? ReadOnlyView : null;
}
