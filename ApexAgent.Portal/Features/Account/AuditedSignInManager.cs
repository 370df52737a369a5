using System.Security.Claims;
using ApexAgent.Domain.Compliance;
using ApexAgent.Portal.Features.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ApexAgent.Portal.Features.Account;

/// <summary>
/// Identity's sign-in manager, recording every successful sign-in (whatever the path: password, two-factor code,
/// recovery code, passkey, external login, right after registration) and every failed one in the audit log, with
/// the address it came from. A person's attempts go in the log of the organisation they act for; attempts for an
/// unknown email go in the platform's log, and take as long as a wrong password so that nothing tells the two apart.
/// </summary>
public sealed class AuditedSignInManager(
    UserManager<PortalUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<PortalUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<PortalUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<PortalUser> confirmation,
    AuditTrail audit,
    AccessDirectory directory)
    : SignInManager<PortalUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private static string? unknownAccountHash;
    private bool refreshing;

    /// <summary>Renewing the cookie of someone already signed in (after a profile or password change) is not a sign-in.</summary>
    public override async Task RefreshSignInAsync(PortalUser user)
    {
        refreshing = true;
        try
        {
            await base.RefreshSignInAsync(user);
        }
        finally
        {
            refreshing = false;
        }
    }

    public override async Task SignInWithClaimsAsync(PortalUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var claims = additionalClaims.ToList();
        await base.SignInWithClaimsAsync(user, authenticationProperties, claims);
        if (!refreshing)
        {
            var method = claims.FirstOrDefault(c => c.Type == "amr")?.Value ?? claims.FirstOrDefault(c => c.Type == ClaimTypes.AuthenticationMethod)?.Value;
            await RecordAsync(user, AuditActions.SignInSucceeded, new { method = method ?? "unspecified" }); // "pwd", "mfa", a provider …
        }
    }

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is not null)
        {
            return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        }

        // As long as checking a real password takes, so that the answer's timing does not reveal whether the account exists.
        unknownAccountHash ??= UserManager.PasswordHasher.HashPassword(new PortalUser(), Guid.NewGuid().ToString());
        UserManager.PasswordHasher.VerifyHashedPassword(new PortalUser(), unknownAccountHash, password ?? "");
        await audit.RecordAsync(
            AuditActions.SignInFailed,
            null,
            details: new { reason = "unknown_account" },
            actor: new AuditActor(null, AttemptedLabel(userName), IpAddress: Address()));
        return SignInResult.Failed;
    }

    public override async Task<SignInResult> CheckPasswordSignInAsync(PortalUser user, string password, bool lockoutOnFailure)
    {
        var result = await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
        await RecordFailureAsync(user, result, "wrong_password");
        return result;
    }

    public override async Task<SignInResult> TwoFactorAuthenticatorSignInAsync(string code, bool isPersistent, bool rememberClient)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        var result = await base.TwoFactorAuthenticatorSignInAsync(code, isPersistent, rememberClient);
        await RecordFailureAsync(user, result, "wrong_authenticator_code");
        return result;
    }

    public override async Task<SignInResult> TwoFactorRecoveryCodeSignInAsync(string recoveryCode)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        var result = await base.TwoFactorRecoveryCodeSignInAsync(recoveryCode);
        await RecordFailureAsync(user, result, "wrong_recovery_code");
        return result;
    }

    public override async Task<SignInResult> PasskeySignInAsync(string credentialJson)
    {
        var result = await base.PasskeySignInAsync(credentialJson);
        if (!result.Succeeded && !result.RequiresTwoFactor)
        {
            await audit.RecordAsync(AuditActions.SignInFailed, null, details: new { reason = "passkey_not_accepted" }, actor: new AuditActor(null, IpAddress: Address()));
        }

        return result;
    }

    private async Task RecordFailureAsync(PortalUser? user, SignInResult result, string reason)
    {
        if (user is null || result.Succeeded || result.RequiresTwoFactor)
        {
            return;
        }

        await RecordAsync(
            user,
            result.IsLockedOut ? AuditActions.SignInLockedOut : AuditActions.SignInFailed,
            new { reason = result.IsNotAllowed ? "not_allowed" : result.IsLockedOut ? "locked_out" : reason });
    }

    private async Task RecordAsync(PortalUser user, string action, object details)
    {
        var access = await directory.FindAsync(user.Id, CancellationToken.None);
        await audit.RecordAsync(action, access?.CurrentOrganizationId, "PortalUser", user.Id, details, actor: new AuditActor(user.Id, user.Email, IpAddress: Address()));
    }

    private string? Address()
    {
        if (ActingContext.Current?.IpAddress is { } address)
        {
            return address;
        }

        try
        {
            return Context.Connection.RemoteIpAddress?.ToString();
        }
        catch (InvalidOperationException)
        {
            return null; // no request (a test or a job): no address
        }
    }

    /// <summary>What was typed as the email, kept only when it looks like one (a password typed there by mistake is not kept).</summary>
    private static string AttemptedLabel(string? userName)
    {
        var typed = userName?.Trim() ?? "";
        return typed.Length is > 0 and <= 256 && typed.Contains('@', StringComparison.Ordinal) && !typed.Any(char.IsWhiteSpace)
            ? typed
            : "(not an email address)";
    }
}
