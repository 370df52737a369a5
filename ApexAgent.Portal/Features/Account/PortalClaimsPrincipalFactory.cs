using System.Security.Claims;
using ApexAgent.Domain.Accounts;
using ApexAgent.Portal.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ApexAgent.Portal.Features.Account;

/// <summary>Puts the current organisation and the person's permissions into the sign-in cookie.</summary>
internal sealed class PortalClaimsPrincipalFactory(
    UserManager<PortalUser> users,
    IOptions<IdentityOptions> options,
    PortalDbContext db,
    AccountOnboarding onboarding)
    : UserClaimsPrincipalFactory<PortalUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(PortalClaims.DisplayName, string.IsNullOrWhiteSpace(user.Profile.DisplayName) ? user.Email ?? "" : user.Profile.DisplayName));
        var organization = await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == user.Id)
            .OrderByDescending(m => m.Role).ThenBy(m => m.CreatedAt)
            .Select(m => (Guid?)m.OrganizationId)
            .FirstOrDefaultAsync();
        // Registration opens the personal organisation; should that have failed, signing in repairs it.
        var org = organization ?? await onboarding.OpenPersonalOrganizationAsync(user, CancellationToken.None);
        identity.AddClaim(new Claim(PortalClaims.Organization, org.ToString()));

        var permissions = Permission.Customer.AsEnumerable();
        if (user.PlatformRole is { } role)
        {
            permissions = permissions.Concat(Permission.ForPlatformRole(role));
            identity.AddClaim(new Claim(ClaimTypes.Role, role.ToString()));
        }

        foreach (var permission in permissions.Distinct())
        {
            identity.AddClaim(new Claim(PortalClaims.Permission, permission));
        }

        return identity;
    }
}
