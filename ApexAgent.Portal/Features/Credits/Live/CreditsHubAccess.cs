using ApexAgent.Domain.Accounts;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace ApexAgent.Portal.Features.Credits.Live;

/// <summary>
/// Who may connect to <see cref="CreditsHub"/> (ADR 0016): a request with an <c>Authorization</c> header is judged as an
/// API key, any other by the portal cookie; either needs <c>credits.read</c>. The key is never accepted from the query
/// string (<c>access_token</c>): it would end up in access logs and browser history, and browsers have the cookie.
/// Refusals are 401/403 problem details, not a redirect to the sign-in page.
/// </summary>
public static class CreditsHubAccess
{
    public const string Scheme = "CreditsHub";
    public const string Policy = "CreditsHub";

    public static void AddCreditsHubAccess(this IServiceCollection services)
    {
        services.AddAuthentication().AddPolicyScheme(Scheme, "API key or sign-in cookie on the credits hub", scheme =>
        {
            scheme.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.Count > 0 ? ApiKeyDefaults.Scheme : IdentityConstants.ApplicationScheme;
            scheme.ForwardChallenge = ApiKeyDefaults.Scheme;
            scheme.ForwardForbid = ApiKeyDefaults.Scheme;
        });
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(Scheme)
            .RequireAuthenticatedUser()
            .RequireClaim(PortalClaims.Permission, Permission.CreditsRead));
    }
}
