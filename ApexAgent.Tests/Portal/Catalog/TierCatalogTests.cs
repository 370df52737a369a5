using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Catalog;
using ApexAgent.Portal.Features.Catalog;
using ApexAgent.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace ApexAgent.Tests.Portal.Catalog;

public sealed class TierCatalogTests : IAsyncLifetime
{
    private readonly PortalFactory factory = new();

    public Task InitializeAsync()
    {
        _ = factory.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task The_default_catalog_is_seeded_as_version_one()
    {
        var tiers = await factory.Get<TierCatalog>().AllCurrentAsync(CancellationToken.None);

        Assert.Equal([TierCode.Free, TierCode.Pro, TierCode.Team, TierCode.Enterprise], tiers.Select(t => t.Code).ToArray());
        Assert.All(tiers, t => Assert.Equal(1, t.Version));
        Assert.All(tiers, t => Assert.Equal(DefaultCatalog.Terms[t.Code], t.Terms));
    }

    [Fact]
    public async Task A_platform_admin_saves_a_new_version_and_the_old_one_is_kept()
    {
        var admin = await factory.CreateAccountAsync(role: PlatformRole.PlatformAdmin);
        var catalog = factory.Get<TierCatalog>();
        var pro = await catalog.CurrentAsync(TierCode.Pro, CancellationToken.None);

        var saved = await catalog.SaveNewVersionAsync(admin.Actor, TierCode.Pro, pro.Terms with { BaseCredits = 6_000 }, "More credits for Pro", CancellationToken.None);

        Assert.True(saved.IsSuccess);
        Assert.Equal(2, saved.Value.Version);
        Assert.Equal(6_000, (await catalog.CurrentAsync(TierCode.Pro, CancellationToken.None)).Terms.BaseCredits);
        var history = await catalog.HistoryAsync(TierCode.Pro, CancellationToken.None);
        Assert.Equal([2, 1], history.Select(v => v.Version).ToArray());
        Assert.Equal(5_000, history[1].Terms.BaseCredits);
        Assert.Equal("More credits for Pro", history[0].ChangeNote);
        Assert.Equal(admin.UserId, history[0].CreatedByUserId);
    }

    [Fact]
    public async Task A_customer_cannot_change_the_catalog()
    {
        var customer = await factory.CreateAccountAsync(TierCode.Enterprise);
        var catalog = factory.Get<TierCatalog>();
        var pro = await catalog.CurrentAsync(TierCode.Pro, CancellationToken.None);

        var saved = await catalog.SaveNewVersionAsync(customer.Actor, TierCode.Pro, pro.Terms with { MonthlyPriceMinor = 1 }, null, CancellationToken.None);

        Assert.Equal("forbidden", saved.Error?.Code);
        Assert.Single(await catalog.HistoryAsync(TierCode.Pro, CancellationToken.None));
    }

    [Fact]
    public async Task Invalid_terms_are_refused_and_no_version_is_added()
    {
        var admin = await factory.CreateAccountAsync(role: PlatformRole.PlatformAdmin);
        var catalog = factory.Get<TierCatalog>();
        var free = await catalog.CurrentAsync(TierCode.Free, CancellationToken.None);

        var negative = await catalog.SaveNewVersionAsync(admin.Actor, TierCode.Free, free.Terms with { BaseCredits = -1 }, null, CancellationToken.None);
        var paidFree = await catalog.SaveNewVersionAsync(admin.Actor, TierCode.Free, free.Terms with { MonthlyPriceMinor = 500 }, null, CancellationToken.None);

        Assert.Contains("BaseCredits", negative.Error!.Fields.Keys);
        Assert.Contains("MonthlyPriceMinor", paidFree.Error!.Fields.Keys);
        Assert.Single(await catalog.HistoryAsync(TierCode.Free, CancellationToken.None));
    }

    [Fact]
    public async Task A_subscription_keeps_the_terms_of_the_version_it_signed_up_on()
    {
        var customer = await factory.CreateAccountAsync(TierCode.Pro);
        var admin = await factory.CreateAccountAsync(role: PlatformRole.PlatformAdmin);
        var catalog = factory.Get<TierCatalog>();
        var pro = await catalog.CurrentAsync(TierCode.Pro, CancellationToken.None);
        await catalog.SaveNewVersionAsync(admin.Actor, TierCode.Pro, pro.Terms with { ApiAccess = false, MonthlyPriceMinor = 2_500 }, "No API on Pro", CancellationToken.None);
        await using var scope = factory.Services.CreateAsyncScope();

        var dashboard = await scope.ServiceProvider.GetRequiredService<ApexAgent.Portal.Features.Dashboard.DashboardService>().LoadAsync(customer.Actor, CancellationToken.None);
        var live = await scope.ServiceProvider.GetRequiredService<ApexAgent.Portal.Features.ApiKeys.ApiKeyService>()
            .CreateAsync(customer.Actor, new ApexAgent.Domain.ApiKeys.NewApiKey("live", ApexAgent.Domain.ApiKeys.ApiKeyMode.Live, [Permission.ProfileRead], null), CancellationToken.None);

        Assert.Equal(2_500, (await catalog.CurrentAsync(TierCode.Pro, CancellationToken.None)).Terms.MonthlyPriceMinor);
        Assert.Equal(1, dashboard!.Tier.Version);
        Assert.Equal(2_000, dashboard.Tier.Terms.MonthlyPriceMinor);
        Assert.True(live.IsSuccess);
    }
}
