using System.Security.Claims;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.ApiKeys;
using ApexAgent.Domain.Catalog;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.ApiKeys;
using ApexAgent.Portal.Features.Support;
using ApexAgent.Tests.TestSupport;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ApexAgent.Tests.Portal.Support;

/// <summary>"View as customer": who may open it, what it shows, that it is read-only and that it ends.</summary>
public sealed class SupportViewTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private PortalFactory factory = default!;

    public Task InitializeAsync()
    {
        factory = new PortalFactory(clock: clock);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task Only_support_staff_open_a_view_and_only_with_a_reason()
    {
        var customer = await factory.CreateAccountAsync(TierCode.Pro);
        var support = await factory.CreateAccountAsync(role: PlatformRole.Support);
        await using var scope = factory.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<SupportViewService>();

        var byCustomer = await service.StartAsync(customer.Actor, support.UserId, support.OrganizationId, "Curious about the staff account", CancellationToken.None);
        var noReason = await service.StartAsync(support.Actor, customer.UserId, customer.OrganizationId, "   help ", CancellationToken.None);
        var wrongOrganisation = await service.StartAsync(support.Actor, customer.UserId, support.OrganizationId, "Ticket 42: cannot find keys", CancellationToken.None);

        Assert.Equal("forbidden", byCustomer.Error?.Code);
        Assert.Equal("validation_failed", noReason.Error?.Code);
        Assert.Contains("Reason", noReason.Error!.Fields.Keys);
        Assert.Equal("customer_not_found", wrongOrganisation.Error?.Code);
        var otherStaff = await factory.CreateAccountAsync(role: PlatformRole.PlatformAdmin);
        Assert.Equal("cannot_view_staff", (await service.StartAsync(support.Actor, otherStaff.UserId, otherStaff.OrganizationId, "Ticket 1: looking at a colleague", CancellationToken.None)).Error?.Code);
        Assert.False(await factory.WithDbAsync(db => db.SupportViews.AnyAsync()));
    }

    [Fact]
    public async Task While_a_view_is_open_the_staff_member_acts_as_the_customer_read_only_until_it_expires()
    {
        var customer = await factory.CreateAccountAsync(TierCode.Pro);
        var support = await factory.CreateAccountAsync(role: PlatformRole.Support);
        await using var scope = factory.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<SupportViewService>();

        var view = await service.StartAsync(support.Actor, customer.UserId, customer.OrganizationId, "Ticket 4821: customer cannot find their API key", CancellationToken.None);
        Assert.True(view.IsSuccess, view.Error?.Message);

        var acting = await ActingAsync(support.UserId);
        Assert.Equal(customer.UserId, acting.UserId);
        Assert.Equal(customer.OrganizationId, acting.OrganizationId);
        Assert.Equal(support.UserId, acting.ImpersonatorUserId);
        Assert.True(acting.IsReadOnly);
        Assert.DoesNotContain(Permission.SupportImpersonate, acting.Permissions);
        var keys = scope.ServiceProvider.GetRequiredService<ApiKeyService>();
        Assert.Equal("read_only_view", (await keys.CreateAsync(acting, new NewApiKey("sneaky", ApiKeyMode.Test, [Permission.ProfileRead], null), CancellationToken.None)).Error?.Code);
        Assert.True((await keys.ListAsync(acting, CancellationToken.None)).IsSuccess);

        clock.Advance(SupportView.Lifetime + TimeSpan.FromSeconds(1));

        var after = await ActingAsync(support.UserId);
        Assert.Equal(support.UserId, after.UserId);
        Assert.False(after.IsReadOnly);
        Assert.Empty(await factory.WithDbAsync(db => db.ApiKeys.Where(k => k.UserId == customer.UserId && k.Name == "sneaky").ToListAsync()));
    }

    [Fact]
    public async Task The_customers_organisation_sees_the_view_its_reason_and_every_page_viewed_with_both_identities()
    {
        var customer = await factory.CreateAccountAsync(TierCode.Pro);
        var support = await factory.CreateAccountAsync(role: PlatformRole.Support);
        await using var scope = factory.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<SupportViewService>();
        const string reason = "Ticket 99: invoice question";
        await service.StartAsync(support.Actor, customer.UserId, customer.OrganizationId, reason, CancellationToken.None);
        var acting = await ActingAsync(support.UserId);

        await service.RecordPageViewAsync(acting, "api-keys", CancellationToken.None);
        await service.RecordPageViewAsync(customer.Actor, "settings", CancellationToken.None); // not a support view: nothing
        await service.EndAsync(support.UserId, CancellationToken.None);
        await service.RecordPageViewAsync(acting, "settings", CancellationToken.None); // the view has ended: nothing

        var entries = await factory.WithDbAsync(db => db.AuditEntries.Where(e => e.ChainId == customer.OrganizationId && e.Action.StartsWith("support_view.")).OrderBy(e => e.Sequence).ToListAsync());
        Assert.Equal(["support_view.started", "support_view.page_viewed", "support_view.ended"], entries.Select(e => e.Action));
        var viewed = entries[1];
        Assert.Equal(customer.UserId, viewed.ActorUserId);
        Assert.Equal(support.UserId, viewed.ImpersonatorUserId);
        Assert.Equal(reason, viewed.Reason);
        Assert.Contains("/api-keys", viewed.After, StringComparison.Ordinal);
        Assert.Contains(reason, entries[0].After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ending_a_view_returns_the_staff_member_to_their_own_account_at_once()
    {
        var customer = await factory.CreateAccountAsync();
        var support = await factory.CreateAccountAsync(role: PlatformRole.PlatformAdmin);
        await using var scope = factory.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<SupportViewService>();
        await service.StartAsync(support.Actor, customer.UserId, customer.OrganizationId, "Ticket 7: dashboard shows the wrong plan", CancellationToken.None);
        Assert.True((await ActingAsync(support.UserId)).IsReadOnly);

        await service.EndAsync(support.UserId, CancellationToken.None);

        Assert.False((await ActingAsync(support.UserId)).IsReadOnly);
        Assert.Null(await service.ActiveAsync(support.UserId, CancellationToken.None));
        var ended = await factory.WithDbAsync(db => db.SupportViews.SingleAsync());
        Assert.Equal(clock.GetUtcNow(), ended.EndedAt);
    }

    [Fact]
    public async Task Support_finds_customers_by_email_name_or_organisation()
    {
        var customer = await factory.CreateAccountAsync(TierCode.Pro, email: $"findme-{Guid.NewGuid():N}@example.test");
        var support = await factory.CreateAccountAsync(role: PlatformRole.Support);
        var organisation = await factory.WithDbAsync(db => db.Organizations.SingleAsync(o => o.Id == customer.OrganizationId));
        await using var scope = factory.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<SupportViewService>();

        var byEmail = await service.SearchAsync(support.Actor, customer.Email[..14].ToUpperInvariant(), CancellationToken.None);
        var byOrganisation = await service.SearchAsync(support.Actor, organisation.Name, CancellationToken.None);
        var asCustomer = await service.SearchAsync(customer.Actor, "findme", CancellationToken.None);

        var found = Assert.Single(byEmail.Value);
        Assert.Equal(customer.Email, found.Email);
        Assert.Equal(TierCode.Pro, Assert.Single(found.Places).Tier);
        Assert.Contains(byOrganisation.Value, r => r.UserId == customer.UserId);
        Assert.Equal("forbidden", asCustomer.Error?.Code);
    }

    /// <summary>The actor the portal builds for a request signed in as <paramref name="userId"/>.</summary>
    private async Task<Actor> ActingAsync(string userId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApexAgent.Portal.Features.Account.PortalUser>>();
        var cookie = await scope.ServiceProvider.GetRequiredService<SignInManager<ApexAgent.Portal.Features.Account.PortalUser>>().CreateUserPrincipalAsync((await users.FindByIdAsync(userId))!);
        ClaimsPrincipal principal = await scope.ServiceProvider.GetRequiredService<IClaimsTransformation>().TransformAsync(cookie);
        return principal.ToActor();
    }
}
