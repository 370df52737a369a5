using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.ApiKeys;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Catalog;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.ApiKeys;

/// <summary>Creating, listing, rotating and revoking the platform API keys of the person acting.</summary>
public sealed class ApiKeyService(IDbContextFactory<PortalDbContext> dbFactory, ApiKeyVerifier verifier, TierCatalog catalog, TimeProvider clock)
{
    private static readonly Error NotFound = Error.NotFound("api_key", "API key");

    public async Task<Result<IReadOnlyList<ApiKey>>> ListAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.Can(Permission.ApiKeysRead))
        {
            return Forbidden();
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var keys = await OwnKeys(db, actor).AsNoTracking().OrderByDescending(k => k.CreatedAt).ToListAsync(ct);
        return keys;
    }

    public async Task<Result<ApiKey>> GetAsync(Actor actor, Guid id, CancellationToken ct)
    {
        if (!actor.Can(Permission.ApiKeysRead))
        {
            return Forbidden();
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = await OwnKeys(db, actor).AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, ct);
        return key is null ? NotFound : key;
    }

    public async Task<Result<IssuedApiKey>> CreateAsync(Actor actor, NewApiKey request, CancellationToken ct)
    {
        if (!actor.Can(Permission.ApiKeysManage))
        {
            return Forbidden();
        }

        var notHeld = request.Scopes.Where(s => !actor.Can(s) && Permission.ApiKeyScopes.Contains(s)).ToList();
        if (notHeld.Count > 0)
        {
            return new Error("scope_not_held", $"You cannot give a key scopes you do not have yourself: {string.Join(", ", notHeld)}.", ErrorKind.Forbidden);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (request.Mode == ApiKeyMode.Live && !await HasApiAccessAsync(db, actor.OrganizationId, ct))
        {
            return new Error(
                "api_access_not_in_plan",
                "Live API keys come with Pro, Team and Enterprise. Create a test key to build your integration, or upgrade your plan.",
                ErrorKind.Forbidden);
        }

        var issued = ApiKey.Issue(request, actor.OrganizationId, actor.UserId, clock.GetUtcNow());
        if (!issued.IsSuccess)
        {
            return issued;
        }

        db.ApiKeys.Add(issued.Value.Key);
        await db.SaveChangesAsync(ct);
        verifier.Forget(issued.Value.Key.SecretHash);
        return issued;
    }

    public async Task<Result<ApiKey>> RevokeAsync(Actor actor, Guid id, CancellationToken ct)
    {
        if (!actor.Can(Permission.ApiKeysManage))
        {
            return Forbidden();
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = await OwnKeys(db, actor).FirstOrDefaultAsync(k => k.Id == id, ct);
        if (key is null)
        {
            return NotFound;
        }

        key.Revoke(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        verifier.Forget(key.SecretHash);
        return key;
    }

    public async Task<Result<IssuedApiKey>> RotateAsync(Actor actor, Guid id, TimeSpan grace, CancellationToken ct)
    {
        if (!actor.Can(Permission.ApiKeysManage))
        {
            return Forbidden();
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = await OwnKeys(db, actor).FirstOrDefaultAsync(k => k.Id == id, ct);
        if (key is null)
        {
            return NotFound;
        }

        var rotated = key.Rotate(clock.GetUtcNow(), grace);
        if (!rotated.IsSuccess)
        {
            return rotated;
        }

        db.ApiKeys.Add(rotated.Value.Key);
        await db.SaveChangesAsync(ct);
        verifier.Forget(key.SecretHash);
        verifier.Forget(rotated.Value.Key.SecretHash);
        return rotated;
    }

    /// <summary>Tenancy: a person only ever reaches their own keys in the organisation they act for.</summary>
    private static IQueryable<ApiKey> OwnKeys(PortalDbContext db, Actor actor) =>
        db.ApiKeys.Where(k => k.OrganizationId == actor.OrganizationId && k.UserId == actor.UserId);

    private async Task<bool> HasApiAccessAsync(PortalDbContext db, Guid organizationId, CancellationToken ct)
    {
        var tier = await db.Subscriptions.Where(s => s.OrganizationId == organizationId).Select(s => (TierCode?)s.Tier).FirstOrDefaultAsync(ct);
        return tier is { } code && (await catalog.CurrentAsync(code, ct)).Terms.ApiAccess;
    }

    private static Error Forbidden() => new("forbidden", "You are not allowed to manage API keys here.", ErrorKind.Forbidden);
}
