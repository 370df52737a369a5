using ApexAgent.Portal.Features.Account;

namespace ApexAgent.Portal.Features.Audit;

/// <summary>
/// Who an explicitly recorded event names as acting, when that is not the person of the current request or page
/// (<see cref="ActingContext.Current"/>): for example the user who just signed in. A null <see cref="UserId"/> is the
/// system. The address falls back to the current request's.
/// </summary>
public sealed record AuditActor(
    string? UserId,
    string? Label = null,
    string? ImpersonatorUserId = null,
    Guid? SupportViewId = null,
    string? IpAddress = null,
    Guid? ApiKeyId = null)
{
    /// <summary>The portal itself (a job, a start-up task), even inside a request.</summary>
    public static AuditActor System { get; } = new((string?)null);

    /// <summary>The person an <see cref="Actor"/> describes, with the support staff member if a support view is open.</summary>
    public static AuditActor From(Actor actor, string? ipAddress = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return new AuditActor(actor.UserId, null, actor.ImpersonatorUserId, actor.ImpersonationId, ipAddress, actor.ApiKeyId);
    }
}
