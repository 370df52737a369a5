using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.ApiKeys;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.ApiKeys;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Billing.Payments;
using ApexAgent.Portal.Features.Catalog;
using ApexAgent.Portal.Integrations.Sandbox;
using ApexAgent.Portal.Features.Subscriptions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ApexAgent.Portal.Features.Demo;

/// <summary>
/// Seeds the demo logins (a platform admin, a support agent and a Pro user) and issues fresh demo API keys for
/// the Pro user and the platform admin at every start: keys are stored only as hashes, so a key can be printed
/// only when it is issued. The previous demo keys are revoked.
/// </summary>
public sealed class DemoSeeder(
    UserManager<PortalUser> users,
    PortalDbContext db,
    AccountOnboarding onboarding,
    ApiKeyService apiKeys,
    DirectPlacement placement,
    PlanChangeService plans,
    PaymentMethodService paymentMethods,
    ContractService contracts,
    TierCatalog catalog,
    AccessDirectory directory,
    IOptions<DemoOptions> options,
    TimeProvider clock)
{
    public const string DemoKeyName = "Demo key";

    public async Task<DemoSeedResult> SeedAsync(CancellationToken ct)
    {
        var keys = new List<(string Label, string Secret)>();
        foreach (var account in DemoAccount.All)
        {
            var user = await EnsureUserAsync(account);
            var organizationId = await onboarding.OpenPersonalOrganizationAsync(user, ct);
            if (account == DemoAccount.ProUser)
            {
                await SubscribeToProAsync(user.Id, organizationId, ct);
            }

            if (account == DemoAccount.PlatformAdmin)
            {
                await placement.PlaceAsync(organizationId, TierCode.Enterprise, ct);
            }

            if (account.Role != PlatformRole.Support)
            {
                var access = await directory.FindAsync(user.Id, ct) ?? throw new InvalidOperationException("The demo user vanished.");
                var actor = access.ActorIn(access.In(organizationId)!);
                keys.Add(($"{account.Label} API key", await ReissueDemoKeyAsync(actor, ct)));
            }
        }

        await EnsureEnterpriseAsync(ct);
        var everyone = DemoAccount.All.Concat(DemoEnterprise.People.Select(p => p.Account)).Distinct().ToList();
        return new DemoSeedResult(everyone, options.Value.Password, keys);
    }

    /// <summary>The Pro user subscribes as a customer would: a sandbox test card, then Pro monthly, paid and invoiced.</summary>
    private async Task SubscribeToProAsync(string userId, Guid organizationId, CancellationToken ct)
    {
        if (await db.Subscriptions.InForce().AnyAsync(s => s.OrganizationId == organizationId && s.Tier == TierCode.Pro, ct))
        {
            return;
        }

        var access = await directory.FindAsync(userId, ct) ?? throw new InvalidOperationException("The demo user vanished.");
        var actor = access.ActorIn(access.In(organizationId)!);
        var now = clock.GetUtcNow();
        var card = SandboxCardVault.Tokenise("4242 4242 4242 4242", 12, now.Year + 3, "123", now);
        var added = await paymentMethods.AddAsync(actor, card.Value.Token, makeDefault: true, ct);
        if (!added.IsSuccess)
        {
            throw new InvalidOperationException($"The demo card was refused: {added.Error.Message}");
        }

        var subscribed = await plans.ConfirmAsync(actor, new PlanChangeRequest(TierCode.Pro, BillingCycle.Monthly), ct);
        if (!subscribed.IsSuccess)
        {
            throw new InvalidOperationException($"The demo Pro subscription failed: {subscribed.Error.Message}");
        }
    }

    /// <summary>Creates <see cref="DemoEnterprise"/> once: its people, departments, team and Enterprise plan.</summary>
    private async Task EnsureEnterpriseAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (await db.Organizations.AnyAsync(o => o.Name == DemoEnterprise.Name && o.Kind == OrganizationKind.Business, ct))
        {
            return;
        }

        var organization = new Organizations.Organization
        {
            Id = Guid.CreateVersion7(now), Name = DemoEnterprise.Name, Kind = OrganizationKind.Business, TimeZone = "Europe/Stockholm", CreatedAt = now,
        };
        db.Organizations.Add(organization);
        var units = new Dictionary<string, Organizations.OrganizationUnit>();
        Organizations.OrganizationUnit Unit(string path, UnitKind kind, Guid? parent)
        {
            var unit = new Organizations.OrganizationUnit
            {
                Id = Guid.CreateVersion7(now), OrganizationId = organization.Id, ParentId = parent, Kind = kind, Name = path.Split('/')[^1], CreatedAt = now,
            };
            db.OrganizationUnits.Add(unit);
            return units[path] = unit;
        }

        var engineering = Unit(DemoEnterprise.Engineering, UnitKind.Department, null);
        Unit(DemoEnterprise.Sales, UnitKind.Department, null);
        Unit($"{DemoEnterprise.Engineering}/{DemoEnterprise.Platform}", UnitKind.Team, engineering.Id);
        await db.SaveChangesAsync(ct);

        foreach (var (account, role, unit) in DemoEnterprise.People)
        {
            var user = await EnsureUserAsync(account);
            await onboarding.OpenPersonalOrganizationAsync(user, ct);
            db.Memberships.Add(new Organizations.Membership
            {
                Id = Guid.CreateVersion7(now), OrganizationId = organization.Id, UserId = user.Id, Role = role, UnitId = unit is null ? null : units[unit].Id, CreatedAt = now,
            });
            if (account != DemoAccount.ProUser)
            {
                user.CurrentOrganizationId = organization.Id;
                await users.UpdateAsync(user);
            }

            directory.Forget(user.Id);
        }

        var freeTier = await catalog.CurrentAsync(TierCode.Free, ct);
        var free = Subscription.StartFree(organization.Id, freeTier, now);
        db.Subscriptions.Add(free);
        await Credits.PlanCredits.StartedAsync(db, free, freeTier, now, ct);
        await db.SaveChangesAsync(ct);

        // Its Enterprise plan is a contract, set up by the demo platform admin: invoiced net 30, not charged.
        var admin = await users.FindByEmailAsync(DemoAccount.PlatformAdmin.Email) ?? throw new InvalidOperationException("The demo platform admin is missing.");
        var staff = (await directory.FindAsync(admin.Id, ct) ?? throw new InvalidOperationException("The demo platform admin vanished.")).OwnActor();
        var contract = await contracts.StartAsync(staff, new ContractTerms(organization.Id, DemoEnterprise.ContractSeats, DemoEnterprise.ContractAnnualPriceMinor), ct);
        if (!contract.IsSuccess)
        {
            throw new InvalidOperationException($"The demo contract failed: {contract.Error.Message}");
        }
    }

    private async Task<PortalUser> EnsureUserAsync(DemoAccount account)
    {
        var user = await users.FindByEmailAsync(account.Email);
        if (user is not null)
        {
            return user;
        }

        user = new PortalUser
        {
            UserName = account.Email,
            Email = account.Email,
            EmailConfirmed = true,
            Profile = new ProfileDetails
            {
                DisplayName = account.DisplayName,
                Company = account.Role is null ? null : "ApexAgent",
                Country = "US",
                TimeZone = "America/New_York",
            },
            PlatformRole = account.Role,
            CreatedAt = clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(user, options.Value.Password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("Could not seed " + account.Email + ": " + string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        return user;
    }

    private async Task<string> ReissueDemoKeyAsync(Actor actor, CancellationToken ct)
    {
        var previous = await db.ApiKeys.AsNoTracking()
            .Where(k => k.UserId == actor.UserId && k.Name == DemoKeyName && k.RevokedAt == null)
            .Select(k => k.Id)
            .ToListAsync(ct);
        foreach (var id in previous)
        {
            await apiKeys.RevokeAsync(actor, id, ct);
        }

        var issued = await apiKeys.CreateAsync(actor, new NewApiKey(DemoKeyName, ApiKeyMode.Live, [.. Permission.ApiKeyScopes.Where(actor.Can)], null), ct);
        return issued.IsSuccess ? issued.Value.Secret.Plaintext : throw new InvalidOperationException(issued.Error.Message);
    }
}
