using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace ApexAgent.Portal.Features.Account;

/// <summary>
/// Gives a signed-in person's principal, on every request, the organisation they act for and the permissions they
/// hold there, read through <see cref="AccessDirectory"/>. Because it happens per request rather than once at
/// sign-in, a role change, a removal, an organisation switch or a support view takes effect on the next request.
/// </summary>
internal sealed class PortalClaimsTransformation(AccessDirectory directory, TimeProvider clock) : IClaimsTransformation
{
    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity is not ClaimsIdentity { IsAuthenticated: true } identity
            || principal.HasClaim(c => c.Type == PortalClaims.ApiKey)
            || principal.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            return principal;
        }

        var access = await directory.FindAsync(userId, CancellationToken.None);
        if (access is null)
        {
            return new ClaimsPrincipal(new ClaimsIdentity()); // the user was deleted: treat as signed out
        }

        var actor = access.ActingActor(clock.GetUtcNow());
        return new ClaimsPrincipal(PortalClaims.Describe(identity, actor, access.DisplayName, access.PlatformRole));
    }
}
