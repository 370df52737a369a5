using System.Net.Http.Json;
using System.Text.Json;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApexAgent.Tests.Portal.Account;

public sealed class AccountServicesTests(SharedPortal portal) : IClassFixture<SharedPortal>
{
    private PortalFactory Factory => portal.Factory;

    [Fact]
    public async Task A_new_account_owns_a_personal_organisation_on_the_free_tier()
    {
        var account = await Factory.CreateAccountAsync();

        var (membership, subscription) = await Factory.WithDbAsync(async db => (
            await db.Memberships.SingleAsync(m => m.UserId == account.UserId),
            await db.Subscriptions.SingleAsync(s => s.OrganizationId == account.OrganizationId)));
        Assert.Equal(OrganizationRole.Owner, membership.Role);
        Assert.Equal(TierCode.Free, subscription.Tier);
        Assert.Equal(SubscriptionStatus.Active, subscription.Status);
        Assert.Equal(1, subscription.Seats);
        Assert.True(subscription.CurrentPeriod.Contains(Factory.Now));
    }

    [Fact]
    public async Task Opening_the_personal_organisation_twice_creates_one()
    {
        var account = await Factory.CreateAccountAsync();
        await using var scope = Factory.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<PortalUser>>().FindByIdAsync(account.UserId);

        var again = await scope.ServiceProvider.GetRequiredService<AccountOnboarding>().OpenPersonalOrganizationAsync(user!, CancellationToken.None);

        Assert.Equal(account.OrganizationId, again);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.Memberships.CountAsync(m => m.UserId == account.UserId)));
    }

    [Fact]
    public async Task Saving_a_valid_profile_is_visible_in_the_api_at_once()
    {
        var account = await Factory.CreateAccountAsync(TierCode.Pro);
        var client = Factory.ApiClient((await Factory.IssueKeyAsync(account)).Secret.Plaintext);
        (await client.GetAsync("/api/v1/me")).EnsureSuccessStatusCode(); // cache the snapshot
        await using var scope = Factory.Services.CreateAsyncScope();
        var profiles = scope.ServiceProvider.GetRequiredService<ProfileService>();

        var saved = await profiles.SaveAsync(account.Actor, new ProfileDetails { DisplayName = "  Grace Hopper ", Country = "DE", TimeZone = "Europe/Berlin", TaxId = "de 123 456 789" }, CancellationToken.None);

        Assert.True(saved.IsSuccess);
        Assert.Equal("DE123456789", saved.Value.TaxId);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal("Grace Hopper", me.GetProperty("user").GetProperty("name").GetString());
        Assert.Equal("Europe/Berlin", me.GetProperty("user").GetProperty("timeZone").GetString());
    }

    [Fact]
    public async Task An_invalid_profile_is_refused_and_nothing_changes()
    {
        var account = await Factory.CreateAccountAsync();
        await using var scope = Factory.Services.CreateAsyncScope();
        var profiles = scope.ServiceProvider.GetRequiredService<ProfileService>();
        var before = await profiles.GetAsync(account.Actor, CancellationToken.None);

        var saved = await profiles.SaveAsync(account.Actor, before! with { DisplayName = "Changed", Country = "XX", TimeZone = "Mars/Olympus" }, CancellationToken.None);

        Assert.False(saved.IsSuccess);
        Assert.Contains("Country", saved.Error.Fields.Keys);
        Assert.Contains("TimeZone", saved.Error.Fields.Keys);
        Assert.Equal(before, await profiles.GetAsync(account.Actor, CancellationToken.None));
    }

    [Fact]
    public async Task Without_the_manage_permission_a_profile_cannot_be_saved()
    {
        var account = await Factory.CreateAccountAsync();
        var readOnly = account.Actor with { Permissions = new HashSet<string> { Permission.ProfileRead } };
        await using var scope = Factory.Services.CreateAsyncScope();

        var saved = await scope.ServiceProvider.GetRequiredService<ProfileService>().SaveAsync(readOnly, new ProfileDetails { DisplayName = "Nope" }, CancellationToken.None);

        Assert.Equal("forbidden", saved.Error?.Code);
    }

    [Fact]
    public async Task Five_failed_sign_ins_lock_the_account()
    {
        var account = await Factory.CreateAccountAsync();
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<PortalUser>>();
        var user = (await users.FindByIdAsync(account.UserId))!;

        for (var i = 0; i < 4; i++)
        {
            await users.AccessFailedAsync(user);
        }

        Assert.False(await users.IsLockedOutAsync(user));
        await users.AccessFailedAsync(user);
        Assert.True(await users.IsLockedOutAsync(user));
    }

    [Fact]
    public async Task The_first_request_of_a_user_without_an_organisation_gives_them_their_personal_one()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<PortalUser>>();
        var email = $"orphan-{Guid.NewGuid():N}@example.test";
        var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, Profile = new ProfileDetails { DisplayName = "Orphan" } };
        Assert.True((await users.CreateAsync(user, PortalFactory.Password)).Succeeded);

        var cookie = await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.IUserClaimsPrincipalFactory<PortalUser>>().CreateAsync(user);

        var principal = await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Authentication.IClaimsTransformation>().TransformAsync(cookie);
        var actor = principal.ToActor();
        var membership = await Factory.WithDbAsync(db => db.Memberships.SingleAsync(m => m.UserId == user.Id));
        Assert.Equal(membership.OrganizationId, actor.OrganizationId);
        Assert.Contains(Permission.ApiKeysManage, actor.Permissions);
        Assert.Equal(new RoleAssignment(OrganizationRole.Owner, null), actor.Assignment);
    }
}
