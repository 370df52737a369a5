using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.ApiKeys;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Catalog;
using ApexAgent.Portal.Features.Subscriptions;
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
        if ((actor.RefuseIfReadOnly() ?? (actor.Can(Permission.ApiKeysManage) ? null : Forbidden())) is { } refused)
        {
            return refused;
        }

        if (NotHeld(actor, request.Scopes) is { } notHeld)
        {
            return notHeld;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await OutreachesCallingKeyAsync(db, actor, request, ct) is { } outreach)
        {
            return outreach;
        }

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
        if ((actor.RefuseIfReadOnly() ?? (actor.Can(Permission.ApiKeysManage) ? null : Forbidden())) is { } refused)
        {
            return refused;
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
        if ((actor.RefuseIfReadOnly() ?? (actor.Can(Permission.ApiKeysManage) ? null : Forbidden())) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = await OwnKeys(db, actor).FirstOrDefaultAsync(k => k.Id == id, ct);
        if (key is null)
        {
            return NotFound;
        }

        if (NotHeld(actor, key.Scopes) is { } notHeld)
        {
            return notHeld;
        }

        var rotated = key.Rotate(clock.GetUtcNow(), grace);
        if (!rotated.IsSuccess)
        {
            return rotated;
        }

        db.ApiKeys.Add(rotated.Value.Key);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Error("api_key_already_rotated", "This key was rotated at the same moment by another request; use its successor.", ErrorKind.Conflict);
        }

        verifier.Forget(key.SecretHash);
        verifier.Forget(rotated.Value.Key.SecretHash);
        return rotated;
    }

    /// <summary>The hashes of every key a user has, for forgetting them when the user is deleted.</summary>
    public async Task<IReadOnlyList<string>> SecretHashesOfUserAsync(string userId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ApiKeys.Where(k => k.UserId == userId).Select(k => k.SecretHash).ToListAsync(ct);
    }

    public void ForgetAll(IEnumerable<string> secretHashes)
    {
        foreach (var hash in secretHashes)
        {
            verifier.Forget(hash);
        }
    }

    /// <summary>A key (or person) can only hand out scopes it holds itself, whether by creating or by rotating a key.</summary>
    private static Error? NotHeld(Actor actor, IEnumerable<string> scopes)
    {
        var notHeld = scopes.Where(s => !actor.Can(s) && Permission.ApiKeyScopes.Contains(s)).ToList();
        return notHeld.Count == 0
            ? null
            : new Error("scope_not_held", $"You cannot give a key scopes you do not have yourself: {string.Join(", ", notHeld)}.", ErrorKind.Forbidden);
    }

    /// <summary>A key that creates a key cannot make it live when it is a test key, nor let it outlive itself.</summary>
    private static async Task<Error?> OutreachesCallingKeyAsync(PortalDbContext db, Actor actor, NewApiKey request, CancellationToken ct)
    {
        if (actor.ApiKeyId is not { } callingKeyId)
        {
            return null;
        }

        var calling = await db.ApiKeys.AsNoTracking().Where(k => k.Id == callingKeyId).Select(k => new { k.Mode, k.ExpiresAt }).FirstOrDefaultAsync(ct);
        if (calling is null)
        {
            return new Error("forbidden", "The key making this request no longer exists.", ErrorKind.Forbidden);
        }

        if (calling.Mode == ApiKeyMode.Test && request.Mode == ApiKeyMode.Live)
        {
            return new Error("live_key_from_test_key", "A test key cannot create live keys. Use a live key or the API keys page.", ErrorKind.Forbidden);
        }

        if (calling.ExpiresAt is { } limit && (request.ExpiresAt is null || request.ExpiresAt > limit))
        {
            return Error.Invalid(new Dictionary<string, string[]>
            {
                [nameof(NewApiKey.ExpiresAt)] = [$"A key cannot outlive the key that creates it: set expiresAt to {limit:u} or earlier."],
            });
        }

        return null;
    }

    /// <summary>Tenancy: a person only ever reaches their own keys in the organisation they act for.</summary>
    private static IQueryable<ApiKey> OwnKeys(PortalDbContext db, Actor actor) =>
        db.ApiKeys.Where(k => k.OrganizationId == actor.OrganizationId && k.UserId == actor.UserId);

    private async Task<bool> HasApiAccessAsync(PortalDbContext db, Guid organizationId, CancellationToken ct)
    {
        var plan = await db.Subscriptions.InForce().Where(s => s.OrganizationId == organizationId).Select(s => new { s.Tier, s.TierVersion }).FirstOrDefaultAsync(ct);
        return plan is not null && (await catalog.VersionAsync(plan.Tier, plan.TierVersion, ct)).Terms.ApiAccess;
    }

    private static Error Forbidden() => new("forbidden", "You are not allowed to manage API keys here.", ErrorKind.Forbidden);
}
