using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Catalog;
using ApexAgent.Portal.Features.Organizations;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Account;

/// <summary>Gives a new user their personal organisation, owned by them, on the Free tier.</summary>
public sealed class AccountOnboarding(IDbContextFactory<PortalDbContext> dbFactory, TierCatalog catalog, TimeProvider clock)
{
    public async Task<Guid> OpenPersonalOrganizationAsync(PortalUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.Memberships.Where(m => m.UserId == user.Id).Select(m => (Guid?)m.OrganizationId).FirstOrDefaultAsync(ct);
        if (existing is { } organizationId)
        {
            return organizationId;
        }

        var now = clock.GetUtcNow();
        var organization = new Organization
        {
            Id = Guid.CreateVersion7(now),
            Name = string.IsNullOrWhiteSpace(user.Profile.Company) ? $"{NameOf(user)}'s workspace" : user.Profile.Company!,
            Kind = OrganizationKind.Personal,
            TimeZone = user.Profile.TimeZone,
            CreatedAt = now,
        };
        db.Organizations.Add(organization);
        db.Memberships.Add(new Membership
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = organization.Id,
            UserId = user.Id,
            Role = OrganizationRole.Owner,
            CreatedAt = now,
        });
        var free = await catalog.CurrentAsync(Domain.Catalog.TierCode.Free, ct);
        var subscription = Subscription.StartFree(organization.Id, free, now);
        db.Subscriptions.Add(subscription);
        await Credits.PlanCredits.StartedAsync(db, subscription, free, now, ct);
        await db.SaveChangesAsync(ct);
        return organization.Id;
    }

    private static string NameOf(PortalUser user) =>
        string.IsNullOrWhiteSpace(user.Profile.DisplayName) ? (user.Email ?? "My").Split('@')[0] : user.Profile.DisplayName.Trim();
}
