using System.Net;
using System.Text.RegularExpressions;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Compliance;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApexAgent.Tests.Portal.Audit;

/// <summary>Sign-ins through the real sign-in form: every outcome lands in the right log, and an unknown email leaks nothing.</summary>
public sealed partial class SignInAuditTests(SharedPortal portal) : IClassFixture<SharedPortal>
{
    private PortalFactory Factory => portal.Factory;

    [Fact]
    public async Task A_successful_sign_in_is_recorded_in_the_persons_organisation()
    {
        var account = await Factory.CreateAccountAsync(TierCode.Pro);

        var response = await SignInAsync(account.Email, PortalFactory.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var entry = (await Factory.EntriesAsync(account.OrganizationId)).Last();
        Assert.Equal(AuditActions.SignInSucceeded, entry.Action);
        Assert.Equal((account.UserId, account.Email), (entry.ActorUserId, entry.ActorLabel));
        Assert.Equal(("PortalUser", account.UserId), (entry.EntityType, entry.EntityId));
        Assert.Contains("\"method\":", entry.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_recorded_as_failed_and_repeated_failures_as_a_lockout()
    {
        var account = await Factory.CreateAccountAsync();

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var response = await SignInAsync(account.Email, "Wrong-password-0000");
            Assert.Equal(attempt < 5 ? HttpStatusCode.OK : HttpStatusCode.Redirect, response.StatusCode);
        }

        var entries = (await Factory.EntriesAsync(account.OrganizationId)).Where(e => e.Action.StartsWith("signin.", StringComparison.Ordinal)).ToList();
        Assert.Equal([.. Enumerable.Repeat(AuditActions.SignInFailed, 4), AuditActions.SignInLockedOut], entries.Select(e => e.Action));
        Assert.Equal("{\"reason\":\"wrong_password\"}", entries[0].After);
        Assert.All(entries, e => Assert.Equal(account.UserId, e.ActorUserId));
        Assert.DoesNotContain(entries, e => (e.After ?? "").Contains("Wrong-password", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_email_is_recorded_in_the_platform_log_and_answered_like_a_wrong_password()
    {
        var account = await Factory.CreateAccountAsync();
        var email = $"nobody-{Guid.NewGuid():N}@example.test";
        var organisationsBefore = await Factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.ChainId != AuditChain.Platform));

        var unknown = await SignInAsync(email, "Whatever-password-1");
        var wrong = await SignInAsync(account.Email, "Whatever-password-1");

        Assert.Equal(ErrorOf(await wrong.Content.ReadAsStringAsync()), ErrorOf(await unknown.Content.ReadAsStringAsync()));
        var entry = (await Factory.EntriesAsync(AuditChain.Platform)).Last();
        Assert.Equal((AuditActions.SignInFailed, email, null), (entry.Action, entry.ActorLabel, entry.ActorUserId));
        Assert.Equal("{\"reason\":\"unknown_account\"}", entry.After);
        Assert.Equal(organisationsBefore + 1, await Factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.ChainId != AuditChain.Platform))); // only the wrong password
        await using var scope = Factory.Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<PortalUser>>();
        Assert.False((await signIn.PasswordSignInAsync("My secret password", "x", false, true)).Succeeded); // a password typed as the email
        Assert.Equal("(not an email address)", (await Factory.EntriesAsync(AuditChain.Platform)).Last().ActorLabel);
    }

    private async Task<HttpResponseMessage> SignInAsync(string email, string password)
    {
        using var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var form = await client.GetStringAsync("/Account/Login");
        var fields = HiddenInput().Matches(form).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        fields["Input.Email"] = email;
        fields["Input.Password"] = password;
        return await client.PostAsync("/Account/Login", new FormUrlEncodedContent(fields));
    }

    private static string ErrorOf(string page) => StatusMessage().Match(page).Value;

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("Error: [^<]+")]
    private static partial Regex StatusMessage();
}
