using System.Security.Claims;
using System.Text.Encodings.Web;
using ApexAgent.Portal.Api;
using ApexAgent.Portal.Features.Account;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ApexAgent.Portal.Features.ApiKeys;

/// <summary>Authenticates <c>Authorization: Bearer apx_…</c>; refusals are 401/403 problem details with a stable code.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyVerifier verifier,
    AccessDirectory directory,
    ApiKeyUsageTracker usage,
    TimeProvider clock,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private (string Code, string Detail)? refusal;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            // Not an attempt (public endpoints, health checks): no failure to log; a challenge still explains.
            refusal = ("missing_api_key", "Send your API key as 'Authorization: Bearer apx_…'. Create one on the API keys page.");
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Refuse("invalid_authorization_header", "The Authorization header must use the Bearer scheme: 'Authorization: Bearer apx_…'.");
        }

        var presented = header["Bearer ".Length..].Trim();
        var key = await verifier.FindAsync(presented, Context.RequestAborted);
        var now = clock.GetUtcNow();
        if (key is null)
        {
            return Refuse("invalid_api_key", "This API key is not valid. Check that you copied the whole key.");
        }

        if (key.RevokedAt is not null)
        {
            return Refuse("api_key_revoked", "This API key has been revoked. Create a new key on the API keys page.");
        }

        if (key.ExpiresAt is { } expiry && expiry <= now)
        {
            return Refuse("api_key_expired", $"This API key expired at {expiry:u}. Create or rotate a key on the API keys page.");
        }

        var holder = await directory.FindAsync(key.UserId, Context.RequestAborted);
        if (holder?.In(key.OrganizationId) is not { } place)
        {
            return Refuse("api_key_revoked", "The person this key belongs to is no longer a member of its organisation, so the key no longer works.");
        }

        usage.Record(key.Id, now);
        var (actor, principal) = key.For(place, holder.PlatformRole);
        Context.Features.Set(actor);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, ApiKeyDefaults.Scheme));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var (code, detail) = refusal ?? ("missing_api_key", "Send your API key as 'Authorization: Bearer apx_…'.");
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"apexagent\"";
        await WriteAsync(ApiProblems.Create(401, code, detail));
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await WriteAsync(ApiProblems.Create(403, "insufficient_scope", "This API key does not have the scope this endpoint needs. Create a key with that scope."));
    }

    private AuthenticateResult Refuse(string code, string detail)
    {
        refusal = (code, detail);
        return AuthenticateResult.Fail(detail);
    }

    private ValueTask WriteAsync(Microsoft.AspNetCore.Mvc.ProblemDetails problem) =>
        problems.WriteAsync(new ProblemDetailsContext { HttpContext = Context, ProblemDetails = problem });
}
