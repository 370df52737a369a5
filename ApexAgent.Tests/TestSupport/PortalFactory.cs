using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.ApiKeys;
using ApexAgent.Domain.Catalog;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.ApiKeys;
using ApexAgent.Portal.Features.Subscriptions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ApexAgent.Tests.TestSupport;

/// <summary>
/// The real app on a throwaway SQLite file. Optionally served by Kestrel on a loopback port (for the browser),
/// optionally on a <see cref="FakeTimeProvider"/>.
/// </summary>
public sealed class PortalFactory : WebApplicationFactory<Program>
{
    public const string Password = "Test-password-2026";
    private readonly string folder = Path.Combine(Path.GetTempPath(), "apexagent-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> settings;

    private readonly string environment;

    private readonly Action<IServiceCollection>? services;

    public PortalFactory(bool kestrel = false, FakeTimeProvider? clock = null, IDictionary<string, string?>? settings = null, string environment = "Development", Action<IServiceCollection>? services = null)
    {
        this.environment = environment;
        this.services = services;
        Directory.CreateDirectory(folder);
        Clock = clock;
        this.settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = $"Data Source={Path.Combine(folder, "portal.db")}",
            ["Email:LocalMailbox"] = "true",
            ["Demo:Seed"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            this.settings[key] = value;
        }

        if (kestrel)
        {
            UseKestrel(0);
        }
    }

    public FakeTimeProvider? Clock { get; }

    public string DatabaseFolder => folder;

    /// <summary>The loopback address of the Kestrel server (after <see cref="WebApplicationFactory{T}.StartServer"/>).</summary>
    public string RootUrl
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        }
    }

    public HttpClient ApiClient(string? apiKey = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    /// <summary>A confirmed user with a personal organisation on the given tier.</summary>
    public async Task<TestAccount> CreateAccountAsync(TierCode tier = TierCode.Free, PlatformRole? role = null, string? email = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        email ??= $"user-{Guid.NewGuid():N}@example.test";
        var user = new PortalUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            Profile = new ProfileDetails { DisplayName = "Test " + email.Split('@')[0], TimeZone = "UTC" },
            PlatformRole = role,
            CreatedAt = Now,
        };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        var organizationId = await scope.ServiceProvider.GetRequiredService<AccountOnboarding>().OpenPersonalOrganizationAsync(user, CancellationToken.None);
        if (tier != TierCode.Free)
        {
            await ChangeTierAsync(organizationId, tier);
        }

        return new TestAccount(user.Id, email, organizationId, await ActorOfAsync(user.Id, organizationId));
    }

    /// <summary>The actor the portal builds for <paramref name="userId"/> acting for <paramref name="organizationId"/>, through the real access directory.</summary>
    public async Task<Actor> ActorOfAsync(string userId, Guid organizationId)
    {
        var directory = Get<AccessDirectory>();
        directory.Forget(userId);
        var access = await directory.FindAsync(userId, CancellationToken.None);
        return access!.ActorIn(access.In(organizationId) ?? throw new InvalidOperationException($"{userId} is not a member of {organizationId}."));
    }

    /// <summary>A client signed in as <paramref name="userId"/> with a genuine sign-in cookie; redirects are not followed.</summary>
    public async Task<HttpClient> SignedInClientAsync(string userId)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var principal = await scope.ServiceProvider.GetRequiredService<SignInManager<PortalUser>>().CreateUserPrincipalAsync((await users.FindByIdAsync(userId))!);
        var cookie = Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var ticket = cookie.TicketDataFormat.Protect(new AuthenticationTicket(principal, IdentityConstants.ApplicationScheme));
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        client.DefaultRequestHeaders.Add("Cookie", $"{cookie.Cookie.Name}={ticket}");
        return client;
    }

    /// <summary>The token of the newest invitation link mailed to <paramref name="email"/>.</summary>
    public async Task<string> InvitationTokenAsync(string email)
    {
        var message = await WithDbAsync(db => db.EmailOutbox.Where(m => m.To == email).OrderByDescending(m => m.CreatedAt).FirstAsync());
        var match = System.Text.RegularExpressions.Regex.Match(message.HtmlBody, "/invitations/([A-Za-z0-9_-]{43})");
        Assert.True(match.Success, "The invitation mail carries the link");
        return match.Groups[1].Value;
    }

    public Task ChangeTierAsync(Guid organizationId, TierCode code) =>
        Get<DirectPlacement>().PlaceAsync(organizationId, code, CancellationToken.None);

    public async Task<IssuedApiKey> IssueKeyAsync(TestAccount account, IReadOnlyList<string>? scopes = null, ApiKeyMode mode = ApiKeyMode.Test, DateTimeOffset? expiresAt = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<ApiKeyService>();
        var issued = await service.CreateAsync(account.Actor, new NewApiKey("test key", mode, scopes ?? Permission.ApiKeyScopes.Where(account.Actor.Can).ToList(), expiresAt), CancellationToken.None);
        Assert.True(issued.IsSuccess, issued.Error?.Message);
        return issued.Value;
    }

    public async Task<T> WithDbAsync<T>(Func<PortalDbContext, Task<T>> read)
    {
        await using var scope = Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public DateTimeOffset Now => Clock?.GetUtcNow() ?? DateTimeOffset.UtcNow;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (Clock is not null)
        {
            builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
        }

        if (services is not null)
        {
            builder.ConfigureServices(services); // test doubles (e.g. a PayPal webhook verifier)
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A file may still be held briefly; the temp folder is cleaned by the OS.
            }
        }
    }
}
